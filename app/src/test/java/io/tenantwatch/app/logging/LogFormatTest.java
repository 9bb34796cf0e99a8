package io.tenantwatch.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CapturedStderr;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.schemas.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code run --log-format json}: the service's log lines as one JSON object each, for a cluster's log pipeline. */
class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger("io.tenantwatch.test.LogFormatTest");

    @AfterEach
    void backToText() {
        LogFormat.use(LogFormat.TEXT);
    }

    @Test
    void theTestsLogThroughTheSwitchableProvider() {
        assertThat(LOG).isInstanceOf(SwitchableLogger.class);
    }

    @Test
    void aLoggerMadeBeforeTheSwitchWritesJsonLinesAfterIt() throws Exception {
        LogFormat.use(LogFormat.JSON);
        List<String> lines;
        try (CapturedStderr stderr = CapturedStderr.start()) {
            LOG.warn("sink {} is slow", "soc-webhook");
            LOG.info("not written: simplelogger.properties keeps the level at warn");
            LOG.error("delivery failed", new IllegalStateException("HTTP 503\nsecond line"));
            lines = stderr.text().lines().toList();
        }

        assertThat(lines).hasSize(2);
        JsonNode warn = Json.mapper().readTree(lines.get(0));
        assertThat(warn.get("level").asText()).isEqualTo("WARN");
        assertThat(warn.get("logger").asText()).isEqualTo("io.tenantwatch.test.LogFormatTest");
        assertThat(warn.get("message").asText()).isEqualTo("sink soc-webhook is slow");
        assertThat(warn.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode error = Json.mapper().readTree(lines.get(1));
        assertThat(error.get("error").asText()).isEqualTo("java.lang.IllegalStateException: HTTP 503");
    }

    @Test
    void textStaysTheDefault() {
        String text;
        try (CapturedStderr stderr = CapturedStderr.start()) {
            LOG.warn("plain");
            text = stderr.text();
        }
        assertThat(text)
                .contains(" WARN io.tenantwatch.test.LogFormatTest - plain")
                .doesNotContain("{");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--log-format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tenantwatch run: --log-format: unknown format 'xml' (expected text or json)");
    }
}
