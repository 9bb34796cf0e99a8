package io.tenantwatch.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The duration grammar of every operator file: what both former parsers read, read the same. */
class DurationsTest {

    @Test
    void everyUnitReadsAsWritten() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("14d")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void whiteSpaceAroundAValueIsIgnoredAsEitherFormerParserDid() {
        assertThat(Durations.parse(" 10m\n")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("\u2003" + "10m"))
                .as("strip()'s white space")
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("\u0001" + "10m"))
                .as("trim()'s control characters")
                .isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten minutes", "10", "m", "10 m", "1.5h", "-1s", "10M", "PT10M", "1w"})
    void anythingElseIsAProblemNamingTheValue(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (e.g. 500ms, 30s, 10m, 1h, 1d)");
    }

    @Test
    void nothingIsAProblemToo() {
        assertThatThrownBy(() -> Durations.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"99999999999999999999s", "9223372036854775808ms", "200000000000000d", "9223372036854775807h"})
    void anOverlongNumberIsAProblemNotAnUncaughtException(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too long a duration");
    }

    @Test
    void theLongestOfEachUnitStillReads() {
        assertThat(Durations.parse("9223372036854775807ms")).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(Durations.parse("106751991167300d")).isEqualTo(Duration.ofDays(106751991167300L));
    }

    @Test
    void formattingUsesTheLargestExactUnitAndReadsBack() {
        assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[] {Duration.ofDays(14), Duration.ofMinutes(10), Duration.ofMillis(1500)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }

    @Test
    void thePatternForSchemasAgreesWithTheParser() {
        for (String ok : new String[] {"500ms", "30s", "14d"}) {
            assertThat(ok).matches(Durations.PATTERN);
        }
        for (String bad : new String[] {"10", "1w", "PT10M"}) {
            assertThat(bad).doesNotMatch(Durations.PATTERN);
        }
    }
}
