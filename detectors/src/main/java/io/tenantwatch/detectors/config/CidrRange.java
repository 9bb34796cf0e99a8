package io.tenantwatch.detectors.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.244.0.0/16}, {@code fd00::/8}), as
 * detector parameters name the cluster's own networks. Only literals are read: a name is never
 * resolved, so neither loading a file nor matching an event can reach DNS.
 */
public final class CidrRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

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

    /**
     * The address bytes of a literal, or null: IPv4 dotted quads, or IPv6 in its text forms (with
     * {@code ::} and a dotted-quad tail, no zone). Parsed here, never by {@link InetAddress#getByName}:
     * it resolves anything it does not read as a literal ({@code zz:1} cost a DNS lookup of 138 ms
     * on the detection thread), and a source address in an audit event is whatever the event says.
     */
    static byte[] address(String literal) {
        if (IPV4.matcher(literal).matches()) {
            return ipv4(literal);
        }
        return literal.indexOf(':') < 0 ? null : ipv6(literal);
    }

    private static byte[] ipv4(String literal) {
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

    private static byte[] ipv6(String literal) {
        if (!IPV6_CHARACTERS.matcher(literal).matches()) {
            return null;
        }
        // A dotted-quad tail (::ffff:10.1.2.3) stands for the last two groups.
        byte[] quad = null;
        String text = literal;
        if (literal.indexOf('.') >= 0) {
            int lastColon = literal.lastIndexOf(':');
            String tail = literal.substring(lastColon + 1);
            quad = IPV4.matcher(tail).matches() ? ipv4(tail) : null;
            if (quad == null) {
                return null;
            }
            text = literal.substring(0, lastColon + 1) + "0:0";
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null; // "::" stands for one run of zero groups only
        }
        List<String> head = groups(gap < 0 ? text : text.substring(0, gap));
        List<String> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        put(head, out, 0);
        put(tail, out, 16 - 2 * tail.size());
        if (quad != null) {
            System.arraycopy(quad, 0, out, 12, 4);
        }
        return ipv4Mapped(out) ? java.util.Arrays.copyOfRange(out, 12, 16) : out;
    }

    /** ::ffff:a.b.c.d is the IPv4 address a.b.c.d (a dual-stack API server writes it so), as the JDK reads it. */
    private static boolean ipv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    /** The colon-separated groups of one side of "::", or null when one is empty or not 1–4 hex digits. */
    private static List<String> groups(String side) {
        if (side.isEmpty()) {
            return List.of();
        }
        List<String> out = List.of(side.split(":", -1));
        for (String group : out) {
            if (!HEX_GROUP.matcher(group).matches()) {
                return null;
            }
        }
        return out;
    }

    private static void put(List<String> groups, byte[] out, int at) {
        for (String group : groups) {
            int value = Integer.parseInt(group, 16);
            out[at++] = (byte) (value >> 8);
            out[at++] = (byte) value;
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
