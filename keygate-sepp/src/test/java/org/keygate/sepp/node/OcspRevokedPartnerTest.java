package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.OcspPolicy;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;
import org.keygate.tls.testing.OpensslOcspResponder;

/**
 * Issue 18 item 2, OCSP, with two keygate SEPPs on loopback and {@code openssl ocsp} as the home CA's responder
 * (signing with a delegated responder certificate): the visited SEPP, configured with OCSP only for the home anchor,
 * refuses the first handshake with a certificate it has no answer for yet ({@code onStaleRevocation: refuse}), lets
 * the next one through on the good answer, then learns at a refresh that the home CA revoked the certificate: it
 * closes the established N32-c connection, ends the N32-f context, and refuses the next handshake with the
 * certificate_revoked alert, which the home SEPP logs.
 */
class OcspRevokedPartnerTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private OpensslOcspResponder responder;
    private SeppNode home;
    private SeppNode visited;

    @AfterEach
    void stop() throws Exception {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void aPartnerRevokedAtItsOcspResponderIsCutOffAndRefusedWithCertificateRevoked() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        LabCa homeCa = LabCa.create("home CA with an OCSP responder", Duration.ofDays(2));
        LabCa.Issued homeLeaf = homeCa.issue(List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"),
                List.of(InetAddress.getLoopbackAddress()));
        LabSeppFiles homeFiles = LabPki.write(dir.resolve("home-ocsp"), homeCa, homeLeaf);
        LabCa.Issued signer = homeCa.issueOcspResponder("home OCSP responder");
        responder = OpensslOcspResponder.start(dir.resolve("ocsp"), homeCa.certificate(), signer.certificate(),
                signer.keyPair().getPrivate(), 60);
        responder.good(homeLeaf.certificate());

        SeppConfig h = sepps.home(TestSepps.PRINS_FIRST);
        SeppConfig homeConfig = new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(),
                TlsKeyMaterial.load(homeFiles.certChain(), homeFiles.privateKey()), h.tlsProtocols(),
                h.handshakeRetry(), h.peers(), h.n32fListener(), h.homeNfs(), h.sbiListener(), h.edge());
        SeppConfig v = sepps.visited(TestSepps.PRINS_FIRST);
        PeerSepp p = v.peers().getFirst();
        PeerSepp homePeer = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(), homeCa.certificate(),
                p.initiate(), p.n32fAddress(), p.protectionPolicy());
        // refreshInterval 1s: each cached answer is asked for again every second (the sweep's pace).
        SeppConfig visitedConfig = new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(), v.keyMaterial(),
                v.tlsProtocols(), v.handshakeRetry(), List.of(homePeer), v.n32fListener(), v.homeNfs(),
                v.sbiListener(), v.edge(), v.h2(), v.drainTimeout(), List.of(new AnchorRevocation(
                        homeCa.certificate(), new RevocationPolicy(List.of(), false, OnStaleRevocation.REFUSE,
                                Duration.ofSeconds(1), Optional.of(new OcspPolicy(Optional.of(responder.uri()),
                                        Duration.ofSeconds(5), true, 10))))));

        try (LogCapture logs = new LogCapture()) {
            home = SeppNode.start(homeConfig, Clock.systemUTC());
            visited = SeppNode.start(visitedConfig, Clock.systemUTC());
            assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                    .as("first sight: no answer yet, and the handshake does not wait for one")
                    .hasStackTraceContaining("no OCSP answer");
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (ocsp("good") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(visited.establish("home").get(30, TimeUnit.SECONDS)).as("with the good answer").isNotNull();

            double before = ocsp("revoked");
            responder.revoke(homeLeaf.certificate(), Instant.now().minusSeconds(1));
            while (ocsp("revoked") <= before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ocsp("revoked")).as("the refresh learnt of it").isGreaterThan(before);
            while (!visited.contexts().forPeer("home").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(visited.contexts().forPeer("home")).as("the context with the revoked partner ended").isEmpty();
            while (home.meters().get("keygate_sbi_connections_active").tag("server", "n32c-home").gauge().value() > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(home.meters().get("keygate_sbi_connections_active").tag("server", "n32c-home").gauge()
                    .value()).as("the visited SEPP's N32-c connection to the revoked partner, closed").isZero();

            assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                    .hasStackTraceContaining("is revoked since").hasStackTraceContaining("OCSP responder");
            while (logs.keygateMessages().stream().noneMatch(m -> m.contains("certificate_revoked"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(logs.keygateMessages()).as("the home SEPP's server saw the alert")
                    .anyMatch(m -> m.contains("TLS handshake with") && m.contains("certificate_revoked"));
        }
    }

    private double ocsp(String outcome) {
        var counter = visited.meters().find("keygate_tls_ocsp_requests_total").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
