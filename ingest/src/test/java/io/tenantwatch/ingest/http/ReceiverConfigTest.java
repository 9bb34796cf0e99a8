package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The receivers' settings: every one that cannot work is named at once. */
class ReceiverConfigTest {

    @Test
    void everySettingThatCannotWorkIsNamedAtOnce() {
        assertThatThrownBy(() -> new ReceiverConfig(
                        null,
                        70000,
                        "bad/cluster",
                        null,
                        BearerTokens.parse(null),
                        null,
                        0,
                        0,
                        -1,
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly(
                                "receivers: port: must be 0-65535, was 70000",
                                "receivers: defaultCluster: 'bad/cluster' is not a cluster name (1 to 63 letters, digits, '.', '_' and '-',"
                                        + " starting with a letter or digit)",
                                "receivers: tokens: none given; the receivers need at least one bearer token (TW_RECEIVER_TOKENS or --token-file)",
                                "receivers: maxBodyBytes: must be 1 to 1073741824 bytes, was 0",
                                "receivers: threads: must be at least 1, was 0",
                                "receivers: queueCapacity: must not be negative, was -1",
                                "receivers: writeTimeout: must be positive",
                                "receivers: bodyTimeout: must be positive"));
    }
}
