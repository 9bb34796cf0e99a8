package io.tenantwatch.detectors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrRangeTest {

    @Test
    void anAddressIsInsideItsRangeAndNotOutside() {
        CidrRange pods = CidrRange.parse("10.244.0.0/16");
        assertThat(pods.contains("10.244.1.23")).isTrue();
        assertThat(pods.contains("10.245.0.1")).isFalse();
        assertThat(CidrRange.parse("20.103.45.16/28").contains("20.103.45.31")).isTrue();
        assertThat(CidrRange.parse("20.103.45.16/28").contains("20.103.45.32")).isFalse();
        assertThat(CidrRange.parse("0.0.0.0/0").contains("203.0.113.7")).isTrue();
        assertThat(CidrRange.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
        assertThat(CidrRange.parse("fd00::/8").contains("10.244.1.23")).isFalse();
    }

    @Test
    void theHostBitsOfARangeAreDropped() {
        assertThat(CidrRange.parse("10.244.3.7/16"))
                .hasToString("10.244.0.0/16")
                .isEqualTo(CidrRange.parse("10.244.0.0/16"));
    }

    @Test
    void namesAndMalformedTextAreNeitherRangesNorAddresses() {
        for (String bad : new String[] {
            "10.244.0.0", "10.244.0.0/33", "300.1.1.1/8", "pods.internal/16", "abc/8", "10.0.0.0/x", ""
        }) {
            assertThatThrownBy(() -> CidrRange.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an address range");
        }
        assertThat(CidrRange.parse("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(CidrRange.parse("10.0.0.0/8").contains("10.1.2")).isFalse();
    }
}
