package org.keygate.tls.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.TestPki;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.OpensslOcspResponder;

/**
 * What {@link OcspResponseVerifier} refuses in answers openssl really gave: one replayed for another request (its
 * nonce), one about another certificate (its CertID), one read after its nextUpdate or before its responder's certificate was valid, and bytes that are no OCSP
 * answer at all; and where {@link OcspCache} finds a certificate's responder (its AIA).
 */
class OcspResponseVerifierTest {
    private static final Duration NO_NEXT_UPDATE_AGE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private LabCa ca;
    private X509Certificate leaf;
    private X509Certificate other;
    private OpensslOcspResponder responder;
    private final SecureRandom random = new SecureRandom();

    @BeforeEach
    void setUp() throws Exception {
        ca = TestPki.ca("visited");
        leaf = TestPki.sepp(ca, TestPki.VISITED).leaf();
        other = ca.issue(List.of("other.example.org"), List.of()).certificate();
        LabCa.Issued signer = ca.issueOcspResponder("visited OCSP responder");
        responder = OpensslOcspResponder.start(dir, ca.certificate(), signer.certificate(),
                signer.keyPair().getPrivate(), 60);
        responder.good(leaf);
        responder.good(other);
    }

    @AfterEach
    void tearDown() throws Exception {
        responder.close();
    }

    @Test
    void theAnswerToItsOwnRequestIsGood() throws Exception {
        OcspRequest request = OcspRequest.of(leaf, ca.certificate(), true, random);
        OcspAnswer answer = verify(ask(request), request, leaf, Instant.now());
        assertThat(answer).isInstanceOf(OcspAnswer.Good.class);
        assertThat(answer.nextUpdate()).get().satisfies(n -> assertThat(Duration.between(answer.thisUpdate(), n))
                .isEqualTo(Duration.ofMinutes(60)));
    }

    @Test
    void anAnswerReplayedForAnotherRequestIsRefusedByItsNonce() throws Exception {
        OcspRequest first = OcspRequest.of(leaf, ca.certificate(), true, random);
        byte[] answer = ask(first);
        OcspRequest second = OcspRequest.of(leaf, ca.certificate(), true, random);
        assertThatThrownBy(() -> verify(answer, second, leaf, Instant.now())).isInstanceOf(IOException.class)
                .hasMessageContaining("nonce differs");
        OcspRequest withoutNonce = OcspRequest.of(leaf, ca.certificate(), false, random);
        assertThat(verify(ask(withoutNonce), withoutNonce, leaf, Instant.now())).isInstanceOf(OcspAnswer.Good.class);
        assertThatThrownBy(() -> verify(ask(withoutNonce), first, leaf, Instant.now()))
                .hasMessageContaining("no nonce in the answer");
    }

    @Test
    void anAnswerAboutAnotherCertificateIsRefusedByItsCertId() throws Exception {
        OcspRequest aboutOther = OcspRequest.of(other, ca.certificate(), false, random);
        OcspRequest aboutLeaf = OcspRequest.of(leaf, ca.certificate(), false, random);
        byte[] answer = ask(aboutOther);
        assertThatThrownBy(() -> verify(answer, aboutLeaf, leaf, Instant.now()))
                .hasMessageContaining("CertID mismatch");
    }

    @Test
    void anAnswerPastItsNextUpdateOrNoAnswerAtAllIsRefused() throws Exception {
        OcspRequest request = OcspRequest.of(leaf, ca.certificate(), true, random);
        byte[] answer = ask(request);
        assertThatThrownBy(() -> verify(answer, request, leaf, Instant.now().plus(Duration.ofMinutes(61))))
                .hasMessageContaining("has passed");
        // Ten minutes ago the delegated responder's certificate was not valid yet (issued a minute ago): refused for
        // that before its thisUpdate is looked at (RFC 6960 4.2.2.2: a responder certificate valid now).
        assertThatThrownBy(() -> verify(answer, request, leaf, Instant.now().minus(Duration.ofMinutes(10))))
                .hasMessageContaining("nor by a responder it certified");
        assertThatThrownBy(() -> verify("<html>".getBytes(), request, leaf, Instant.now()))
                .hasMessageContaining("not an OCSPResponse");
    }

    @Test
    void theResponderOfACertificateIsTheFirstHttpOcspUrlOfItsAia() throws Exception {
        assertThat(OcspCache.aiaResponder(leaf)).as("no AIA").isEmpty();
        X509Certificate withAia = withAia(List.of(
                new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example.org/ca.crt")),
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "https://ocsp.example.org/")),
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.example.org/visited"))));
        assertThat(OcspCache.aiaResponder(withAia)).contains(URI.create("http://ocsp.example.org/visited"));
    }

    private byte[] ask(OcspRequest request) throws Exception {
        return new OcspFetch(Duration.ofSeconds(5)).post(responder.uri(), request.der()).get(10, TimeUnit.SECONDS);
    }

    private OcspAnswer verify(byte[] der, OcspRequest request, X509Certificate cert, Instant now) throws IOException {
        return OcspResponseVerifier.verify(der, request, cert, ca.certificate(), responder.uri(), now,
                NO_NEXT_UPDATE_AGE);
    }

    private static X509Certificate withAia(List<AccessDescription> access) throws Exception {
        var g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        var kp = g.generateKeyPair();
        X500Principal name = new X500Principal("CN=with AIA");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), name, kp.getPublic())
                .addExtension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }
}
