package org.keygate.tls.plmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.EnginePump;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * RFC 9310 NFTypes (issue 18 item 4): the extension as {@link LabCa} issues it, checked byte for byte against the
 * ASN.1 written out by hand and against OpenSSL's parser; a partner whose certificate lists NF types without SEPP is
 * refused in a real TLS handshake, one listing SEPP or carrying no extension is accepted.
 */
class NfTypesTest {
    /**
     * OCTET STRING { SEQUENCE { IA5String "SEPP" } }: 04 08 | 30 06 | 16 04 | "SEPP" (RFC 9310 2, X.690 DER), as
     * {@code getExtensionValue} returns it.
     */
    private static final String SEPP_EXTENSION_VALUE = "0408" + "3006" + "1604" + "53455050";

    @TempDir
    Path dir;

    private static TlsKeyMaterial partner(LabCa ca, List<String> nfTypes) throws Exception {
        LabCa.Issued issued = ca.issue(List.of(TestPki.VISITED.seppFqdn()), List.of(InetAddress.getLoopbackAddress()),
                nfTypes);
        return new TlsKeyMaterial(issued.keyPair().getPrivate(), List.of(issued.certificate(), ca.certificate()));
    }

    @Test
    void theIssuedExtensionIsTheRfc9310EncodingAndOpenSslReadsIt() throws Exception {
        X509Certificate cert = partner(TestPki.ca("visited"), List.of("SEPP")).leaf();

        assertThat(HexFormat.of().formatHex(cert.getExtensionValue("1.3.6.1.5.5.7.1.34")))
                .isEqualTo(SEPP_EXTENSION_VALUE);
        assertThat(cert.getNonCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.34");
        assertThat(NfTypes.of(cert)).contains(List.of("SEPP"));

        Path pem = dir.resolve("sepp.crt");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        String parsed = openssl("asn1parse", "-in", pem.toString());
        // The extension's OID, then its extnValue holding the SEQUENCE OF IA5String.
        assertThat(parsed).contains(":1.3.6.1.5.5.7.1.34").contains("[HEX DUMP]:3006160453455050");
        int offset = offsetOfValueAfter(parsed, ":1.3.6.1.5.5.7.1.34");
        String inner = openssl("asn1parse", "-in", pem.toString(), "-strparse", Integer.toString(offset));
        assertThat(inner).contains("SEQUENCE").contains("IA5STRING         :SEPP");
    }

    @Test
    void aPartnerCertificateWithoutSeppIsRefusedInTheHandshake() throws Exception {
        LabCa partnerCa = TestPki.ca("visited");

        Exception refused = handshake(partnerCa, partner(partnerCa, List.of("AMF", "SMF")));
        assertThat(refused).as("the partner's side").isInstanceOf(SSLException.class)
                .hasMessageContaining("Received fatal alert");

        assertThat(handshake(partnerCa, partner(partnerCa, List.of("SEPP")))).as("NFTypes with SEPP").isNull();
        assertThat(handshake(partnerCa, partner(partnerCa, List.of("AMF", "SEPP")))).as("SEPP among others").isNull();
        assertThat(handshake(partnerCa, partner(partnerCa, List.of()))).as("no extension").isNull();
    }

    @Test
    void theRefusalNamesTheCertificateAndItsTypes() throws Exception {
        LabCa partnerCa = TestPki.ca("visited");
        PlmnTrustAnchors anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, partnerCa.certificate()).build();

        assertThatThrownBy(() -> anchors.anchorFor(partner(partnerCa, List.of("AMF")).chain()))
                .isInstanceOf(CertificateException.class)
                .hasMessage("certificate CN=" + TestPki.VISITED.seppFqdn() + ", O=keygate lab carries the NFTypes "
                        + "extension (RFC 9310) with [AMF], without SEPP (expected: a SEPP's certificate on N32-c/N32-f)");
    }

    @Test
    void badNfTypesAreNotIssued() {
        assertThatThrownBy(() -> NfTypes.extensionValue(List.of("SEPP", "X".repeat(33))))
                .hasMessageStartingWith("nfTypes[1]: XXX");
        assertThatThrownBy(() -> NfTypes.extensionValue(List.of("SÉPP"))).hasMessageStartingWith("nfTypes[0]: SÉPP");
    }

    /** The home SEPP (client) dials the partner (server) presenting {@code partnerKey}; what the partner saw. */
    private static Exception handshake(LabCa partnerCa, TlsKeyMaterial partnerKey) throws Exception {
        LabCa homeCa = TestPki.ca("home");
        MutualTls home = MutualTls.builder().keyMaterial(TestPki.sepp(homeCa, TestPki.HOME))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.VISITED, partnerCa.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
        MutualTls partner = MutualTls.builder().keyMaterial(partnerKey)
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.HOME, homeCa.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
        SSLEngine server = partner.sslContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(partner.serverParameters());
        SSLEngine client = home.sslContext().createSSLEngine(TestPki.VISITED.seppFqdn(), 443);
        client.setUseClientMode(true);
        client.setSSLParameters(home.clientParameters(TestPki.VISITED.seppFqdn()));
        SSLException[] errors = EnginePump.pump(client, server);
        if (errors[0] != null) {
            assertThat(errors[0]).as("home's side").hasStackTraceContaining("without SEPP");
        }
        return errors[1];
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The offset of the OCTET STRING on the line after the one naming {@code oid} in asn1parse's output. */
    private static int offsetOfValueAfter(String asn1parse, String oid) {
        List<String> lines = asn1parse.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains(oid)) {
                String next = lines.get(i + 1);
                assertThat(next).contains("OCTET STRING");
                return Integer.parseInt(next.substring(0, next.indexOf(':')).strip());
            }
        }
        throw new AssertionError(oid + " not in " + asn1parse);
    }
}
