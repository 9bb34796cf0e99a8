package io.tenantwatch.detectors.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.244.0.0/16}, {@code fd00::/8}), as
 * detector parameters name the cluster's own networks. Only literals are read: a name is never
 * resolved, so neither loading a file nor matching an event can reach DNS.
 */
public final class CidrRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private CidrRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.text = literal(network) + "/" + prefix;
    }

    /** @throws IllegalArgumentException naming the text when it is not an address/prefix pair */
    public static CidrRange parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        byte[] address = slash < 0 ? null : address(text.substring(0, slash).strip());
        int prefix = -1;
        if (address != null) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
        }
        if (address == null || prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an address range such as 10.244.0.0/16 or fd00::/8");
        }
        // Keep the network part only, so 10.244.3.7/16 and 10.244.0.0/16 are one range.
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new CidrRange(address, prefix);
    }

    /** True when {@code ip} (an address literal) is in the range; false for anything that is not an address. */
    public boolean contains(String ip) {
        return contains(ip == null ? null : address(ip));
    }

    /** True when the address (4 or 16 bytes, as {@link #address} reads a literal) is in the range. */
    boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** The address bytes of a literal, or null: IPv4 dotted quads, or anything with a colon as IPv6. */
    static byte[] address(String literal) {
        if (IPV4.matcher(literal).matches()) {
            String[] parts = literal.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                out[i] = (byte) octet;
            }
            return out;
        }
        if (literal.indexOf(':') < 0) {
            return null; // not a literal: InetAddress would resolve it as a host name
        }
        try {
            // With a colon, InetAddress reads an IPv6 literal and never resolves a name.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
