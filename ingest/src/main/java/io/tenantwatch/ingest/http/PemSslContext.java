package io.tenantwatch.ingest.http;

import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from PEM files, with the JDK alone: a certificate chain (leaf first)
 * and an unencrypted private key. Besides PKCS#8 ({@code PRIVATE KEY}) it reads the two forms
 * cert-manager and openssl write by default, PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}), by wrapping them in PKCS#8. Every problem is one message naming the file.
 */
public final class PemSslContext {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final char[] NO_PASSWORD = new char[0];

    private PemSslContext() {}

    /** A server context and the certificate it presents (whose expiry the receivers publish). */
    public record Serving(SSLContext context, X509Certificate leaf) {}

    public static SSLContext load(Path certFile, Path keyFile) {
        return serving(certFile, keyFile).context();
    }

    /** @throws ConfigException naming the file that cannot be used; never quoting key material */
    public static Serving serving(Path certFile, Path keyFile) {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        checkPair(key, chain.get(0), certFile, keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("receiver", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new Serving(context, (X509Certificate) chain.get(0));
        } catch (GeneralSecurityException | IOException e) {
            throw ConfigException.of(
                    certFile.toString(),
                    "cannot use this TLS certificate with key " + keyFile + ": " + e.getMessage(),
                    e);
        }
    }

    static List<Certificate> certificates(Path file) {
        List<Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE")) {
                    chain.add(factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw ConfigException.of(file.toString(), "not a valid TLS certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw ConfigException.of(file.toString(), "a TLS certificate file, but it holds no PEM CERTIFICATE block");
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) {
        for (Block b : blocks(file)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der(), file);
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.rsaPkcs1ToPkcs8(b.der()), file);
                case "EC PRIVATE KEY":
                    return pkcs8(Der.ecSec1ToPkcs8(b.der(), file), file);
                case "ENCRYPTED PRIVATE KEY":
                    throw ConfigException.of(
                            file.toString(),
                            "the TLS key is encrypted; give an unencrypted" + " key (openssl pkcs8 -topk8 -nocrypt)");
                default:
                // e.g. EC PARAMETERS before the key, as openssl ecparam -genkey writes it
            }
        }
        throw ConfigException.of(file.toString(), "a TLS key file, but it holds no PEM PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw ConfigException.of(
                file.toString(), "the TLS key is of an unsupported algorithm" + " (RSA, EC and Ed25519 are supported)");
    }

    /** A key that does not belong to the certificate fails every handshake obscurely: say so now. */
    private static void checkPair(PrivateKey key, Certificate cert, Path certFile, Path keyFile) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "EdDSA", "Ed25519" -> "EdDSA";
                    default -> null;
                };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "tenantwatch key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: the same answer as a mismatch
        }
        throw ConfigException.of(keyFile.toString(), "the key does not belong to the certificate in " + certFile);
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text = ConfigFiles.read(file);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains(":")) {
                // RFC 1421 headers (Proc-Type: 4,ENCRYPTED) only come with legacy encrypted keys.
                throw ConfigException.of(
                        file.toString(), "holds an encrypted " + m.group(1) + "; give an unencrypted key");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw ConfigException.of(file.toString(), "has a " + m.group(1) + " block that is not valid base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw ConfigException.of(file.toString(), "not a PEM file (no -----BEGIN block)");
        }
        return blocks;
    }
}
