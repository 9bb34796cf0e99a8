package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemSslContextTest {

    @TempDir
    Path dir;

    @Test
    void readsPkcs8Pkcs1AndSec1Keys() throws Exception {
        SelfSigned rsa = SelfSigned.rsa();
        Path rsaCert = rsa.writeCertificate(dir);
        assertThat(PemSslContext.load(rsaCert, rsa.writePkcs8Key(dir))).isNotNull();
        assertThat(PemSslContext.privateKey(rsa.writeTraditionalKey(dir))).isEqualTo(rsa.keys.getPrivate());

        Path ecDir = Files.createDirectory(dir.resolve("ec"));
        SelfSigned ec = SelfSigned.ec();
        Path ecKey = ec.writeTraditionalKey(ecDir);
        assertThat(Files.readString(ecKey)).startsWith("-----BEGIN EC PARAMETERS-----");
        assertThat(PemSslContext.load(ec.writeCertificate(ecDir), ecKey)).isNotNull();
        assertThat(((ECPrivateKey) PemSslContext.privateKey(ecKey)).getS())
                .isEqualTo(((ECPrivateKey) ec.keys.getPrivate()).getS());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWithOneClearMessage() throws Exception {
        SelfSigned one = SelfSigned.rsa();
        Path cert = one.writeCertificate(dir);
        Path otherDir = Files.createDirectory(dir.resolve("other"));
        Path otherKey = SelfSigned.rsa().writePkcs8Key(otherDir);

        assertThatThrownBy(() -> PemSslContext.load(cert, otherKey))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void missingEncryptedAndNonPemFilesAreNamedInTheMessage() throws Exception {
        SelfSigned rsa = SelfSigned.rsa();
        Path cert = rsa.writeCertificate(dir);
        Path encrypted = Files.writeString(
                dir.resolve("enc.key"), SelfSigned.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        Path notPem = Files.writeString(dir.resolve("plain.txt"), "hello");

        assertThatThrownBy(() -> PemSslContext.load(cert, encrypted))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("encrypted")
                .hasMessageContaining("enc.key");
        assertThatThrownBy(() -> PemSslContext.load(cert, dir.resolve("absent.key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.key");
        assertThatThrownBy(() -> PemSslContext.load(notPem, rsa.writePkcs8Key(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plain.txt")
                .hasMessageContaining("not a PEM file");
        assertThatThrownBy(() -> PemSslContext.load(rsa.writePkcs8Key(dir), rsa.writePkcs8Key(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no PEM CERTIFICATE");
    }
}
