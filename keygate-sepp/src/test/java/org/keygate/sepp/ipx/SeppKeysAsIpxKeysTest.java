package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.PemFiles;

/**
 * TS 33.517 4.2.2.2 for modification keys: a partner SEPP that announces its own certificate or key as an IPX
 * provider's (IpxProviderSecInfo) could sign modifications of its own messages as if an RI had made them. Two SEPPs
 * on loopback; each case is refused in the N32-c handshake, by the responder and by the initiator.
 */
class SeppKeysAsIpxKeysTest {
    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    private X509Certificate certificate(String who) throws Exception {
        return PemFiles.readCertificates(sepps.files.get(who).certChain()).getFirst();
    }

    private static String der(X509Certificate c) throws Exception {
        return Base64.getEncoder().encodeToString(c.getEncoded());
    }

    private void visitedAnnounces(IpxProviderSecInfo info) throws Exception {
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(TestSepps.withIpx(sepps.visited(TestSepps.PRINS_FIRST), List.of(info)),
                Clock.systemUTC());
    }

    @Test
    void theResponderRefusesThePartnersOwnCertificate() throws Exception {
        sepps = new TestSepps(dir);
        visitedAnnounces(new IpxProviderSecInfo("ipx.example.org", null, List.of(der(certificate("visited")))));
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                    .hasMessageContaining("OPTIONAL_IE_INCORRECT");
        }
        assertThat(home.contexts().all()).isEmpty();
    }

    @Test
    void theResponderRefusesThePartnersOwnKeyAsARawKey() throws Exception {
        sepps = new TestSepps(dir);
        String raw = Base64.getEncoder().encodeToString(certificate("visited").getPublicKey().getEncoded());
        visitedAnnounces(new IpxProviderSecInfo("ipx.example.org", List.of(raw), null));
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasMessageContaining("OPTIONAL_IE_INCORRECT");
        assertThat(home.contexts().all()).isEmpty();
    }

    @Test
    void theInitiatorRefusesACertificateOfAnotherSeppFromTheResponder() throws Exception {
        sepps = new TestSepps(dir);
        // home announces the rogue SEPP's certificate (PLMN 999-99 in its SAN) as an IPX's.
        home = SeppNode.start(TestSepps.withIpx(sepps.home(TestSepps.PRINS_FIRST), List.of(new IpxProviderSecInfo(
                "ipx.example.org", null, List.of(der(certificate("rogue")))))), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasMessageContaining("a SEPP's certificate");
        assertThat(visited.contexts().all()).isEmpty();
    }

    @Test
    void aRealIpxKeyIsStillAccepted() throws Exception {
        sepps = new TestSepps(dir);
        visitedAnnounces(new IpxProviderSecInfo("ipx.example.org", List.of(TestSepps.p256PublicKey()), null));
        assertThat(visited.establish("home").get(30, TimeUnit.SECONDS).peerIpxProviderSecInfo()).isEmpty();
        assertThat(home.contexts().current("visited").orElseThrow().peerIpxProviderSecInfo()).hasSize(1);
    }
}
