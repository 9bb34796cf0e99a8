package io.tenantwatch.alerting.sinks;

import static io.tenantwatch.alerting.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void writesJsonLinesAndRotatesBySizeKeepingTheNewestFiles() throws Exception {
        Path file = dir.resolve("out/alerts.jsonl");
        List<Alert> sent = new ArrayList<>();
        try (Sink sink = SinkTesting.build(new SinkConfig.File("archive", file, 4096, 2, AlertFormat.JSON))) {
            for (int i = 0; i < 30; i++) {
                Alert a = alert("alpha", "alpha-web", Severity.MEDIUM, i);
                sink.send(a);
                sent.add(a);
            }
        }
        assertThat(Files.exists(dir.resolve("out/alerts.jsonl.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("out/alerts.jsonl.3"))).isFalse();
        List<String> lines = new ArrayList<>();
        for (String name : List.of("alerts.jsonl.2", "alerts.jsonl.1", "alerts.jsonl")) {
            Path p = dir.resolve("out").resolve(name);
            if (Files.exists(p)) {
                assertThat(Files.size(p)).isLessThanOrEqualTo(4096);
                lines.addAll(Files.readAllLines(p));
            }
        }
        // Oldest dropped beyond keep=2; what is kept is whole lines, in order, ending with the newest.
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(Json.readerFor(Alert.class).<Alert>readValue(line).id());
        }
        List<String> sentIds = sent.stream().map(Alert::id).toList();
        assertThat(ids).isNotEmpty().isEqualTo(sentIds.subList(sentIds.size() - ids.size(), sentIds.size()));
        assertThat(ids.size()).isLessThan(30);
    }

    @Test
    void appendsAcrossRestarts() throws Exception {
        Path file = dir.resolve("a.jsonl");
        SinkConfig.File config = new SinkConfig.File("a", file, SinkConfig.File.DEFAULT_MAX_BYTES, 1, AlertFormat.OCSF);
        try (Sink sink = SinkTesting.build(config)) {
            sink.send(alert("alpha", "alpha", Severity.LOW, 1));
        }
        try (Sink sink = SinkTesting.build(config)) {
            sink.send(alert("alpha", "alpha", Severity.LOW, 2));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.mapper().readTree(lines.get(1)).get("class_uid").asInt())
                .isEqualTo(2004);
    }

    @Test
    void stdoutWritesOneLinePerAlert() throws Exception {
        Alert a = alert("alpha", "alpha", Severity.LOW, 42);
        SinkTesting.build(new SinkConfig.Stdout("console", AlertFormat.TEXT)).send(a);
        assertThat(SinkTesting.STDOUT.toString()).contains(AlertFormat.TEXT.format(a) + System.lineSeparator());
    }
}
