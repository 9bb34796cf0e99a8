package io.tenantwatch.ingest.http;

import io.tenantwatch.schemas.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/** Just enough DER to wrap PKCS#1 and SEC1 private keys in PKCS#8, which the JDK's KeyFactory reads. */
final class Der {

    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int CONTEXT_0 = 0xA0;
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    /** The OID id-ecPublicKey (1.2.840.10045.2.1), as a full TLV. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {}

    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        return tlv(SEQUENCE, VERSION_0, RSA_ALGORITHM, tlv(OCTET_STRING, pkcs1));
    }

    /**
     * SEC1 is {@code SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] publicKey }};
     * PKCS#8 wants the curve in its AlgorithmIdentifier, so it is copied out of {@code [0]}.
     */
    static byte[] ecSec1ToPkcs8(byte[] sec1, Path file) {
        try {
            int[] seq = header(sec1, 0);
            int pos = seq[1];
            int end = seq[1] + seq[2];
            while (pos < end) {
                int[] h = header(sec1, pos);
                if (h[0] == CONTEXT_0) {
                    byte[] curve = Arrays.copyOfRange(sec1, h[1], h[1] + h[2]);
                    return tlv(SEQUENCE, VERSION_0, tlv(SEQUENCE, EC_PUBLIC_KEY, curve), tlv(OCTET_STRING, sec1));
                }
                pos = h[1] + h[2];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw ConfigException.of(file.toString(), "the TLS key's EC PRIVATE KEY is malformed", e);
        }
        throw ConfigException.of(
                file.toString(),
                "the TLS key's EC PRIVATE KEY has no curve;" + " convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }

    /** {tag, content start, content length} of the element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int tag = der[pos] & 0xFF;
        int first = der[pos + 1] & 0xFF;
        int count = first < 0x80 ? 0 : first & 0x7F;
        if (first >= 0x80 && (count == 0 || count > 3)) {
            throw new ArrayIndexOutOfBoundsException("unsupported DER length");
        }
        int length = first < 0x80 ? first : 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[pos + 2 + i] & 0xFF);
        }
        int start = pos + 2 + count;
        if (start + length > der.length) {
            throw new ArrayIndexOutOfBoundsException("DER element runs past the end");
        }
        return new int[] {tag, start, length};
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
