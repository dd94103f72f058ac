package org.keygate.tls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.exporter.ExporterClientBuild;

/** PEM files written by OpenSSL (not by keygate), read back and cross-checked against OpenSSL's own dump. */
class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsAnOpenSslSec1EcPrivateKeyAndItsCertificate() throws Exception {
        Path key = dir.resolve("sec1.key");
        ExporterClientBuild.runOk("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
                key.toString());
        assertThat(Files.readString(key)).contains("-----BEGIN EC PRIVATE KEY-----");
        Path cert = selfSigned(key);
        TlsKeyMaterial m = TlsKeyMaterial.load(cert, key);
        assertThat(((ECPrivateKey) m.key()).getS()).isEqualTo(opensslPrivateScalar(key));
        assertThat(m.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=sec1.example.org");
    }

    @Test
    void readsAnOpenSslPkcs8PrivateKey() throws Exception {
        Path key = dir.resolve("pkcs8.key");
        ExporterClientBuild.runOk("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", key.toString());
        assertThat(Files.readString(key)).contains("-----BEGIN PRIVATE KEY-----");
        TlsKeyMaterial m = TlsKeyMaterial.load(selfSigned(key), key);
        assertThat(((ECPrivateKey) m.key()).getS()).isEqualTo(opensslPrivateScalar(key));
        assertThat(((ECPublicKey) m.leaf().getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWithoutPrintingEitherKey() throws Exception {
        Path key = dir.resolve("a.key");
        Path other = dir.resolve("b.key");
        for (Path k : new Path[] {key, other}) {
            ExporterClientBuild.runOk("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-out", k.toString());
        }
        Path cert = selfSigned(key);
        String scalarHex = opensslPrivateScalar(other).toString(16);
        assertThatThrownBy(() -> TlsKeyMaterial.load(cert, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the certificate CN=sec1.example.org")
                .message().doesNotContainIgnoringCase(scalarHex).doesNotContain(base64Body(other));
    }

    @Test
    void toStringNamesTheLeafAndNeverTheKey() throws Exception {
        Path key = dir.resolve("k.key");
        ExporterClientBuild.runOk("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", key.toString());
        TlsKeyMaterial m = TlsKeyMaterial.load(selfSigned(key), key);
        BigInteger s = ((ECPrivateKey) m.key()).getS();
        assertThat(m.toString()).contains("CN=sec1.example.org")
                .doesNotContainIgnoringCase(s.toString(16))
                .doesNotContain(s.toString())
                .doesNotContain(Base64.getEncoder().encodeToString(m.key().getEncoded()))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(m.key().getEncoded()));
    }

    @Test
    void aDamagedKeyFileIsNamedButItsContentIsNotPrinted() throws Exception {
        Path key = dir.resolve("damaged.key");
        ExporterClientBuild.runOk("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", key.toString());
        String body = base64Body(key);
        // Cut the DER short but keep valid base64, so the parser gets as far as the key structure.
        String damaged = "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 48) + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(key, damaged, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(key)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(key.toString())
                .message().doesNotContain(body.substring(0, 48)).doesNotContain(body.substring(8, 40));
    }

    @Test
    void filesWithoutTheExpectedBlockAreNamed() throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "no PEM here\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(empty)).hasMessageContaining(empty.toString())
                .hasMessageContaining("no PEM CERTIFICATE");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(empty)).hasMessageContaining(empty.toString())
                .hasMessageContaining("no unencrypted PEM private key");
    }

    private Path selfSigned(Path key) throws Exception {
        Path cert = dir.resolve(key.getFileName() + ".crt");
        ExporterClientBuild.runOk("openssl", "req", "-new", "-x509", "-key", key.toString(), "-subj",
                "/CN=sec1.example.org", "-days", "1", "-out", cert.toString());
        return cert;
    }

    /** The private scalar as OpenSSL prints it ("priv:" then colon-separated hex), not as keygate parses it. */
    private static BigInteger opensslPrivateScalar(Path key) throws Exception {
        String text = ExporterClientBuild.runOk("openssl", "pkey", "-in", key.toString(), "-noout", "-text");
        Matcher m = Pattern.compile("priv:\\s*([0-9a-f:\\s]+?)\\s*pub:").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new BigInteger(m.group(1).replaceAll("[:\\s]", ""), 16);
    }

    private static String base64Body(Path pem) throws Exception {
        return Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
