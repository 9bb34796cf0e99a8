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

    @Test
    void addressesAreReadAsLiteralsOnlyInEveryTextFormOfIpv6() throws Exception {
        for (String literal : new String[] {
            "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "1:2:3:4:5:6:7::", "::ffff:10.1.2.3", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4", "FE80::ABCD"
        }) {
            // A valid literal never resolves, so the JDK's reading is the reference.
            assertThat(CidrRange.address(literal))
                    .as(literal)
                    .isEqualTo(java.net.InetAddress.getByName(literal).getAddress());
        }
    }

    @Test
    void malformedSourceAddressesAreNotAddressesAndAreNeverLookedUp() {
        // Each of these, handed to InetAddress.getByName, is a host name to resolve (a DNS query on
        // the detection thread) or an interface to look up; here it is simply not an address.
        for (String bad : new String[] {
            "zz:1", "localhost:1", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::", "::g",
            "fe80::1%eth0", "[::1]", "10.1.2.3:443", "::ffff:300.1.2.3", "1.2::3", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
                    ":"
        }) {
            assertThat(CidrRange.address(bad)).as(bad).isNull();
        }
        assertThat(CidrRange.parse("10.0.0.0/8").contains("zz:1")).isFalse();
        assertThat(CidrRange.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
        assertThat(CidrRange.parse("fd00::/8").contains("fe80::1")).isFalse();
    }
}
