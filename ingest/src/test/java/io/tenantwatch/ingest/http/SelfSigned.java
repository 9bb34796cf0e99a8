package io.tenantwatch.ingest.http;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed certificate for 127.0.0.1 and localhost, with its key in the PEM forms the receiver reads. */
final class SelfSigned {

    final KeyPair keys;
    final X509Certificate certificate;

    private SelfSigned(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static SelfSigned rsa() {
        return create("RSA", "SHA256withRSA");
    }

    static SelfSigned ec() {
        return create("EC", "SHA256withECDSA");
    }

    /** An EC certificate of another subject and validity: a renewal. */
    static SelfSigned ec(String commonName, Duration validity) {
        return create("EC", "SHA256withECDSA", commonName, validity);
    }

    private static SelfSigned create(String algorithm, String signatureAlgorithm) {
        return create(algorithm, signatureAlgorithm, "tenantwatch-test", Duration.ofDays(1));
    }

    private static SelfSigned create(
            String algorithm, String signatureAlgorithm, String commonName, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    // Random, so that two certificates made within a millisecond still differ (a renewal's does).
                    new BigInteger(63, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    name,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
            return new SelfSigned(keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    Path writeCertificate(Path dir) throws Exception {
        return write(dir.resolve("tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
    }

    /** PKCS#8: "PRIVATE KEY". */
    Path writePkcs8Key(Path dir) throws IOException {
        return write(
                dir.resolve("tls.key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /** PKCS#1 ("RSA PRIVATE KEY") or SEC1 with its curve ("EC PRIVATE KEY"), as openssl and cert-manager write them. */
    Path writeTraditionalKey(Path dir) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        if (keys.getPrivate().getAlgorithm().equals("RSA")) {
            return write(
                    dir.resolve("tls-pkcs1.key"),
                    pem(
                            "RSA PRIVATE KEY",
                            info.parsePrivateKey().toASN1Primitive().getEncoded()));
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        BigInteger d = inner.getKey();
        ECPrivateKey sec1 = new ECPrivateKey(
                256,
                d,
                new DERBitString(spki.getPublicKeyData().getBytes()),
                info.getPrivateKeyAlgorithm().getParameters());
        // openssl ecparam -genkey writes the parameters first; the reader must skip them.
        String params = pem(
                "EC PARAMETERS",
                info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive().getEncoded());
        return write(dir.resolve("tls-sec1.key"), params + pem("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** A client context that trusts this certificate only. */
    SSLContext clientContext() throws Exception {
        return trusting(this);
    }

    /** A client context that trusts these certificates only (the one served before a renewal and after). */
    static SSLContext trusting(SelfSigned... certificates) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            trust.setCertificateEntry("receiver-" + i, certificates[i].certificate);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
