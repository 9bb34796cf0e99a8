package io.tenantwatch.alerting.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs an HTTP sink trusts for https when its receiver's certificate comes from a private CA
 * (a cluster's own, cert-manager's): the certificates of a PEM bundle, alone or added to the
 * JVM's. Read once, when the sinks are built.
 */
public final class TrustedCAs {

    private TrustedCAs() {}

    /**
     * The certificates of a PEM bundle (any text around the blocks is ignored, as in
     * {@code ca-certificates.crt}).
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it holds no certificate, or a block that is none; the
     *     message names no file content
     */
    public static List<X509Certificate> read(Path pemFile) throws IOException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : read) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("holds no PEM CERTIFICATE");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("is not a PEM bundle of CA certificates", e);
        }
    }

    /** A client context trusting the bundle's certificates, and also the JVM's CAs when {@code alsoSystem}. */
    static SSLContext context(Path pemFile, boolean alsoSystem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : read(pemFile)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        if (alsoSystem) {
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            for (var tm : jvm.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + i++, c);
                    }
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
