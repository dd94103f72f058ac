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
import org.keygate.sepp.TestSepps;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;

/**
 * RFC 9310 NFTypes between two SEPPs on loopback (issue 18 item 4): a partner whose certificate names NF types
 * without SEPP is refused at the N32-c handshake; one naming SEPP is accepted.
 */
class NfTypesPartnerTest {
    @TempDir
    Path dir;

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
    }

    /** The home SEPP with a certificate from a new home CA carrying {@code nfTypes}; the visited SEPP trusts that CA. */
    private void start(List<String> nfTypes) throws Exception {
        TestSepps sepps = new TestSepps(dir);
        LabCa ca = LabCa.create("keygate lab root 001-01 (home with NFTypes)", Duration.ofDays(2));
        LabCa.Issued issued = ca.issue(List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"),
                List.of(InetAddress.getLoopbackAddress()), nfTypes);
        sepps.files.put("home", LabPki.write(dir.resolve("home-nftypes"), ca, issued));
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
    }

    @Test
    void aPartnerCertificateNamingOtherNfTypesIsRefused() throws Exception {
        start(List.of("AMF"));

        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("carries the NFTypes extension (RFC 9310) with [AMF], without SEPP");
        assertThat(visited.contexts().forPeer("home")).isEmpty();
    }

    @Test
    void aPartnerCertificateNamingSeppIsAccepted() throws Exception {
        start(List.of("SEPP"));

        assertThat(visited.establish("home").get(30, TimeUnit.SECONDS).peer().name()).isEqualTo("home");
    }
}
