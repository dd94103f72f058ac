package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.CrlServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;

/**
 * Issue 18 item 2 with two keygate SEPPs on loopback: the home SEPP's CA revokes its certificate and publishes the CRL
 * on an http server (the JDK's, 127.0.0.1); the visited SEPP, configured with that CRL for the home anchor, learns of
 * it at its next refresh, closes the established N32-c connection and ends the N32-f context at that refresh, and
 * refuses the next N32-c handshake with the home SEPP, where the one before succeeded.
 */
class RevokedPartnerTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private CrlServer crls;
    private SeppNode home;
    private SeppNode visited;

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
        if (crls != null) {
            crls.close();
        }
    }

    @Test
    void aPartnerRevokedByItsCaIsRefusedAtTheNextHandshake() throws Exception {
        crls = CrlServer.start();
        TestSepps sepps = new TestSepps(dir);
        LabCa homeCa = LabCa.create("home CA that revokes", Duration.ofDays(2));
        LabCa.Issued homeLeaf = homeCa.issue(List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"),
                List.of(InetAddress.getLoopbackAddress()));
        LabSeppFiles homeFiles = LabPki.write(dir.resolve("home-revocable"), homeCa, homeLeaf);
        SeppConfig h = sepps.home(TestSepps.PRINS_FIRST);
        SeppConfig homeConfig = new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(),
                TlsKeyMaterial.load(homeFiles.certChain(), homeFiles.privateKey()), h.tlsProtocols(),
                h.handshakeRetry(), h.peers(), h.n32fListener(), h.homeNfs(), h.sbiListener(), h.edge());
        SeppConfig v = sepps.visited(TestSepps.PRINS_FIRST);
        PeerSepp p = v.peers().getFirst();
        PeerSepp homePeer = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(), homeCa.certificate(),
                p.initiate(), p.n32fAddress(), p.protectionPolicy());
        SeppConfig visitedConfig = new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(), v.keyMaterial(),
                v.tlsProtocols(), v.handshakeRetry(), List.of(homePeer), v.n32fListener(), v.homeNfs(),
                v.sbiListener(), v.edge(), v.h2(), v.drainTimeout(),
                List.of(crls.revocation(homeCa.certificate(), Duration.ofSeconds(1))));

        crls.publishNothingRevoked(homeCa);
        home = SeppNode.start(homeConfig, Clock.systemUTC());
        visited = SeppNode.start(visitedConfig, Clock.systemUTC());
        assertThat(visited.establish("home").get(30, TimeUnit.SECONDS)).as("before revocation").isNotNull();

        crls.publishRevoked(homeCa, homeLeaf.certificate());
        double fetched = refreshes();
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (refreshes() < fetched + 2 && System.nanoTime() < deadline) {
            Thread.sleep(100); // two fetches: the second surely started after the new CRL was published
        }
        assertThat(refreshes()).as("CRL refreshed").isGreaterThanOrEqualTo(fetched + 2);
        // The refresh that learnt of it closed the established connection and ended the context (no restart).
        while (!visited.contexts().forPeer("home").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(visited.contexts().forPeer("home")).as("the context with the revoked partner ended").isEmpty();
        while (home.meters().get("keygate_sbi_connections_active").tag("server", "n32c-home").gauge().value() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(home.meters().get("keygate_sbi_connections_active").tag("server", "n32c-home").gauge().value())
                .as("the visited SEPP's N32-c connection to the revoked partner, closed").isZero();
        assertThat(visited.meters().get("keygate_tls_untrusted_connections_closed_total").tag("peer", "home")
                .counter().count()).as("counted by partner").isGreaterThanOrEqualTo(1.0);

        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("is revoked since");
        assertThat(visited.meters().get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    private double refreshes() {
        return visited.meters().get("keygate_tls_crl_refresh_total").tag("outcome", "ok").counter().count();
    }
}
