package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keygate.labnf.AusfSettings;
import org.keygate.labnf.LabHomeNetwork;
import org.keygate.labnf.LabSubscriber;
import org.keygate.labnf.UdmSettings;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.tls.jsse.TlsProvider;

/**
 * Two SEPPs whose N32-f and own-NF listeners run on BoringSSL ({@code tls.provider: openssl}) while N32-c stays on the
 * JDK's engine: the lab UDM's AV comes back through both in TLS mode and in PRINS (the N32-f keys come from the JDK's
 * exporter on N32-c, so PRINS working proves N32-c stayed there), and OpenSSL's own client ({@code openssl s_client},
 * a peer nobody here wrote) checks the BoringSSL listeners: the home N32-f listener's chain verifies under the home
 * root with ALPN h2 and TLS 1.3, and a client certificate from a root the home SEPP does not trust for that PLMN is
 * refused with the certificate_unknown alert the JDK's engine sends.
 */
class TlsProviderTest {
    static final String UDM_ROOT = "http://udm.5gc.mnc001.mcc001.3gppnetwork.org";
    static final String SUPI = "imsi-001010000000001";

    @TempDir
    Path dir;
    TestSepps sepps;
    LabHomeNetwork homeNfs;
    SeppNode home;
    SeppNode visited;
    int visitedSbiPort;

    enum Mode { TLS, PRINS }

    void start(Mode mode) throws Exception {
        sepps = new TestSepps(dir);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        homeNfs = LabHomeNetwork.start(UdmSettings.builder().apiRoot(UDM_ROOT).subscriber(LabSubscriber.of(SUPI,
                "465b5ce8b199b49faa5f0a2ee238a6bc", "cd63cb71954a9f4e48a5994e37a02baf", "8000", 0)).build(), any, any,
                udm -> AusfSettings.builder().apiRoot("http://ausf.5gc.mnc001.mcc001.3gppnetwork.org")
                        .udm(udm, "udm").build());
        List<SecurityCapability> priority = mode == Mode.PRINS ? TestSepps.PRINS_FIRST : TestSepps.TLS_FIRST;
        SeppConfig h = sepps.home(priority);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
                homeNfs.udmAddress()))).withTlsProvider(TlsProvider.OPENSSL);
        visitedSbiPort = FreePorts.loopback(1)[0];
        SeppConfig v = TestSepps.withOwnNfListener(sepps.visited(priority), visitedSbiPort, true)
                .withTlsProvider(TlsProvider.OPENSSL);
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(v, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, home, homeNfs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aVisitedNfGetsAHomeAvThroughTwoSeppsOnBoringSsl(Mode mode) throws Exception {
        start(mode);
        // The visited NF's own TLS client (the JDK's engine) to the visited SEPP's BoringSSL listener.
        javax.net.ssl.SSLContext nfTls = new org.keygate.sepp.nf.NfTls(org.keygate.tls.jsse.PemFiles.readCertificates(
                sepps.files.get("visited").caCert()), java.util.Optional.empty()).sslContext();
        try (SbiClient client = SbiClient.builder().tls(nfTls).requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    visitedSbiPort), org.keygate.sepp.nf.NfTls.clientParameters(nfTls, "localhost"))
                    .get(10, TimeUnit.SECONDS);
            SbiRequest r = new SbiRequest("POST", "/nudm-ueau/v1/" + SUPI + "/security-information/generate-auth-data",
                    SbiHeaders.of("content-type", "application/json", "3gpp-sbi-target-apiroot", UDM_ROOT),
                    ("{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
                            + "\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}")
                            .getBytes(StandardCharsets.UTF_8));
            SbiResponse rsp = c.send(r, "localhost", "https").get(30, TimeUnit.SECONDS);
            assertThat(rsp.status()).as(new String(rsp.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(SbiJson.read(rsp.body(), JsonNode.class).path("authenticationVector").path("avType").asText())
                    .isEqualTo("5G_HE_AKA");
        }
        assertThat(visited.contexts().current("home").orElseThrow().capability().toString()).isEqualTo(mode.name());
        for (String[] plane : new String[][] {{"n32f", "openssl"}, {"sbi", "openssl"}, {"n32c", "jdk"}}) {
            assertThat(visited.meters().get("keygate_tls_provider").tags("plane", plane[0], "provider", plane[1])
                    .gauge().value()).as(plane[0]).isEqualTo(1.0);
        }
    }

    @Test
    void opensslSClientVerifiesTheBoringSslN32fListenerAndIsRefusedWithAnUntrustedCertificate() throws Exception {
        start(Mode.TLS);
        int n32f = home.n32fAddress().orElseThrow().getPort();
        var visitedFiles = sepps.files.get("visited");
        String trusted = sClient(n32f, visitedFiles.certChain(), visitedFiles.privateKey());
        assertThat(trusted).contains("New, TLSv1.3, Cipher is", "Verify return code: 0 (ok)");
        assertThat(trusted).containsPattern("(?m)^ALPN protocol: h2$");
        assertThat(trusted).containsPattern("subject=.*CN ?= ?sepp\\.5gc\\.mnc001\\.mcc001\\.3gppnetwork\\.org");

        // The "rogue" SEPP claims the visited PLMN under a root of its own (TestSepps).
        var rogue = sepps.files.get("rogue");
        String refused = sClient(n32f, rogue.certChain(), rogue.privateKey());
        assertThat(refused).contains("alert certificate unknown");
    }

    /** {@code openssl s_client} to 127.0.0.1:{@code port} with this client certificate; its output (bounded: 20 s). */
    private String sClient(int port, Path cert, Path key) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-tls1_3",
                "-connect", "127.0.0.1:" + port, "-servername", TestSepps.HOME_PLMN.seppFqdn(), "-alpn", "h2",
                "-cert", cert.toString(), "-key", key.toString(),
                "-CAfile", sepps.files.get("home").caCert().toString(), "-verify_return_error"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException ignored) {
                // destroyed
            }
        });
        // Under TLS 1.3 the server's verdict on the client certificate comes after the client's Finished: send an
        // HTTP/2 preface and wait for the server's answer (its SETTINGS, or the alert), then hang up.
        p.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        reader.join(5000);
        return out.toString(StandardCharsets.UTF_8);
    }
}
