package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.schemas.TenancyConfig;
import io.tenantwatch.schemas.Topics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExposureTest {

    private static final BearerTokens TOKENS = BearerTokens.of("exposure-test-token-4f1e");

    private static ServiceOptions options(String bind, Path cert, Path key) {
        return new ServiceOptions(null, Path.of("data"), 0, 0, bind, cert, key, TOKENS, TenancyConfig.EMPTY, DetectorConfig.DEFAULTS,
                null, "default", Topics.DEFAULT_PREFIX, 1, (short) 1);
    }

    @Test
    void receiversOnTheNetworkWithoutTlsAreWarnedAbout() {
        assertThat(Exposure.warnings(options("0.0.0.0", null, null))).singleElement().asString()
                .contains("receivers listen on 0.0.0.0 over plain HTTP", "--tls-cert");
        assertThat(Exposure.warnings(options("10.1.2.3", null, null))).hasSize(1);
    }

    @Test
    void loopbackOrTlsIsQuiet() {
        assertThat(Exposure.warnings(options(null, null, null))).isEmpty();
        assertThat(Exposure.warnings(options("127.0.0.1", null, null))).isEmpty();
        assertThat(Exposure.warnings(options("::1", null, null))).isEmpty();
        assertThat(Exposure.warnings(options("0.0.0.0", Path.of("tls.crt"), Path.of("tls.key")))).isEmpty();
    }

    @Test
    void anOpenMetricsPortOnTheNetworkIsWarnedAboutUnlessItAsksForAToken() {
        assertThat(Exposure.warnings(options(null, null, null).withMetricsAccess("0.0.0.0", null))).singleElement().asString()
                .contains("/metrics on 0.0.0.0 asks for no token");
        assertThat(Exposure.warnings(options(null, null, null).withMetricsAccess("0.0.0.0", TOKENS))).isEmpty();
    }

    @Test
    void aProcessWithoutReceiversSaysNothingAboutThem() {
        ServiceOptions detectOnly = options("0.0.0.0", null, null).withComponents(
                new Components(java.util.EnumSet.of(Components.Component.DETECT), java.util.List.of(), java.time.Duration.ofSeconds(30), false));
        assertThat(Exposure.warnings(detectOnly)).isEmpty();
    }
}
