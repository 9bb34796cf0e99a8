package io.tenantwatch.detectors.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges a cluster's own requests come from (node, pod and egress ranges), as the
 * {@code clusterRanges} parameters of the detectors that look for credentials used from elsewhere
 * name them. Until the operator names the cluster's real ranges, {@link #PRIVATE} stands in: on AKS
 * nodes and pods have private (RFC 1918) or CGNAT addresses, so any public address is outside.
 */
public final class ClusterRanges {

    /**
     * The default: RFC 1918, CGNAT (100.64/10, which AKS overlay networking and some VPNs use),
     * loopback and link-local, and their IPv6 counterparts (unique local, loopback, link-local).
     */
    public static final List<String> PRIVATE = List.of(
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "fc00::/7",
            "::1/128",
            "fe80::/10");

    private final List<CidrRange> ranges;

    private ClusterRanges(List<CidrRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address range */
    public static ClusterRanges parse(List<String> texts) {
        List<CidrRange> ranges = new ArrayList<>(texts.size());
        for (String text : texts) {
            ranges.add(CidrRange.parse(text));
        }
        return new ClusterRanges(ranges);
    }

    /**
     * True when {@code ip} is an address literal in none of the ranges. Not an address (a host name,
     * nothing) is never outside: only what can be placed is judged; and with no ranges at all
     * nothing is, as an operator who empties the list means "no address check".
     */
    public boolean isOutside(String ip) {
        byte[] address = ip == null || ranges.isEmpty() ? null : CidrRange.address(ip);
        if (address == null) {
            return false;
        }
        for (CidrRange range : ranges) {
            if (range.contains(address)) {
                return false;
            }
        }
        return true;
    }

    public boolean isDefault() {
        return ranges.equals(parse(PRIVATE).ranges);
    }

    @Override
    public String toString() {
        List<String> texts = new ArrayList<>(ranges.size());
        ranges.forEach(r -> texts.add(r.toString()));
        return String.join(", ", texts);
    }
}
