package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.metrics.MetricsServer;
import io.tenantwatch.ingest.http.BearerTokens;
import io.tenantwatch.ingest.http.ReceiverConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExposureTest {

    private static final BearerTokens TOKENS = BearerTokens.of("exposure-test-token-4f1e");

    private static ServiceConfig.Builder config(String bind, Path cert, Path key) {
        ReceiverConfig receivers = ReceiverConfig.defaults("default", TOKENS).withBindAddress(bind);
        if (cert != null) {
            receivers = receivers.withTls(cert, key);
        }
        return ServiceConfig.builder(Path.of("data"))
                .allParts("default", TOKENS)
                .ingest(IngestConfig.of(receivers));
    }

    private static ServiceConfig options(String bind, Path cert, Path key) {
        return config(bind, cert, key).build();
    }

    @Test
    void receiversOnTheNetworkWithoutTlsAreWarnedAbout() {
        assertThat(Exposure.warnings(options("0.0.0.0", null, null)))
                .singleElement()
                .asString()
                .contains("receivers listen on 0.0.0.0 over plain HTTP", "--tls-cert");
        assertThat(Exposure.warnings(options("10.1.2.3", null, null))).hasSize(1);
    }

    @Test
    void loopbackOrTlsIsQuiet() {
        assertThat(Exposure.warnings(options(null, null, null))).isEmpty();
        assertThat(Exposure.warnings(options("127.0.0.1", null, null))).isEmpty();
        assertThat(Exposure.warnings(options("::1", null, null))).isEmpty();
        assertThat(Exposure.warnings(options("0.0.0.0", Path.of("tls.crt"), Path.of("tls.key"))))
                .isEmpty();
    }

    @Test
    void anOpenMetricsPortOnTheNetworkIsWarnedAboutUnlessItAsksForAToken() {
        assertThat(Exposure.warnings(config(null, null, null)
                        .metrics(new MetricsServer.Endpoint("0.0.0.0", 0, null))
                        .build()))
                .singleElement()
                .asString()
                .contains("/metrics on 0.0.0.0 asks for no token");
        assertThat(Exposure.warnings(config(null, null, null)
                        .metrics(new MetricsServer.Endpoint("0.0.0.0", 0, TOKENS))
                        .build()))
                .isEmpty();
    }

    @Test
    void aProcessWithoutReceiversSaysNothingAboutThem() {
        ServiceConfig detectOnly =
                config("0.0.0.0", null, null).ingest(null).alerting(null).build();
        assertThat(Exposure.warnings(detectOnly)).isEmpty();
    }
}
