package io.tenantwatch.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @CsvSource({
        "2020-05-05T16:16:37.655912Z, 2020-05-05T16:16:37.655912Z",
        "2016-08-04T16:17:57.881781397Z, 2016-08-04T16:17:57.881781397Z",
        "2021-01-11T23:46:19.82302759Z, 2021-01-11T23:46:19.823027590Z",
        "2018-10-26T13:42:46Z, 2018-10-26T13:42:46Z",
        "2024-02-29T23:59:59.1z, 2024-02-29T23:59:59.100Z",
        "2020-05-05T18:16:37.5+02:00, 2020-05-05T16:16:37.500Z",
    })
    void parses(String text, String expected) {
        assertThat(Rfc3339.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2021-04-13T20:58:00.746609046Z+2",
                "2023-02-29T00:00:00Z",
                "2020-05-05 16:16:37Z",
                "2020-05-05T24:00:00Z",
                "2020-05-05T16:16:37.1234567890Z",
                "yesterday",
                ""
            })
    void rejects(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
