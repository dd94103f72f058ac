package org.keygate.sepp.node;

import org.keygate.sbi.config.ReloadOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.lab.FreePorts;

/**
 * Reload without restart (issue 18 item 1), with two SEPPs on loopback: the home SEPP runs from a YAML file that the
 * test rewrites and reloads while the visited SEPP's NF sends it requests over PRINS. A third partner (PLMN 002-02,
 * never reachable) keeps the home SEPP's table non-empty when the visited one is not in it.
 */
class ReloadTest {
    private static final String PATH = "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    private static final int IN_FLIGHT = 20;

    @TempDir
    Path dir;

    private TestSepps sepps;
    private LabSeppFiles third;
    private int thirdPort;
    private final ScheduledExecutorService slowNf = Executors.newSingleThreadScheduledExecutor();
    private volatile long nfDelayMillis;
    private final CountDownLatch atTheNf = new CountDownLatch(IN_FLIGHT);
    private SbiServer homeNf;
    private SeppNode home;
    private SeppNode visited;
    private SbiClient nfClient;
    private SbiClientConnection nf;
    private Path homeFile;

    @BeforeEach
    void setUp() throws Exception {
        sepps = new TestSepps(dir);
        PlmnId thirdPlmn = PlmnId.parse("002-02");
        third = LabPki.generate(dir.resolve("other"), List.of(new LabSepp("third", thirdPlmn, thirdPlmn.seppFqdn())),
                Duration.ofDays(2)).get("third");
        thirdPort = 9; // never dialled: the home SEPP does not initiate with it
        homeNf = SbiServer.builder().cleartext().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler((r, c) -> {
                    atTheNf.countDown();
                    CompletableFuture<SbiResponse> answer = new CompletableFuture<>();
                    slowNf.schedule(() -> answer.complete(SbiResponse.json(200,
                            "{}".getBytes(StandardCharsets.UTF_8))), nfDelayMillis, TimeUnit.MILLISECONDS);
                    return answer;
                }).build().start();
        homeFile = dir.resolve("home.yaml");
        visited = SeppNode.start(TestSepps.withOwnNfListener(sepps.visited(TestSepps.PRINS_FIRST),
                FreePorts.loopback(1)[0], false), Clock.systemUTC());
        nfClient = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(30)).build();
        nf = nfClient.connect(visited.sbiAddress().orElseThrow()).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {nfClient, visited, home, homeNf}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // close the others
            }
        }
        slowNf.shutdownNow();
    }

    /** The home SEPP's file: the third partner always, the visited one when asked, with its rate limit if given. */
    private Path writeHome(boolean withVisited, String visitedRateLimit) throws Exception {
        LabSeppFiles h = sepps.files.get("home");
        StringBuilder y = new StringBuilder("""
                name: home
                fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org
                plmnIds: ["001-01"]
                n32c:
                  listen: 127.0.0.1:%d
                n32f:
                  listen: 127.0.0.1:%d
                admin:
                  listen: 127.0.0.1:0
                tls:
                  certificateChain: %s
                  privateKey: %s
                security:
                  capabilities: [PRINS, TLS]
                homeNfs:
                  - authority: udm.5gc.mnc001.mcc001.3gppnetwork.org
                    address: 127.0.0.1:%d
                peers:
                  - name: third
                    fqdn: sepp.5gc.mnc002.mcc002.3gppnetwork.org
                    plmnIds: ["002-02"]
                    n32c: 127.0.0.1:%d
                    trustAnchor: %s
                """.formatted(sepps.homePort, sepps.homeN32fPort, h.certChain(), h.privateKey(),
                homeNf.localAddress().getPort(), thirdPort, third.caCert()));
        if (withVisited) {
            y.append("""
                      - name: visited
                        fqdn: sepp.5gc.mnc099.mcc999.3gppnetwork.org
                        plmnIds: ["999-99"]
                        n32c: 127.0.0.1:%d
                        n32f: 127.0.0.1:%d
                        trustAnchor: %s
                    """.formatted(sepps.visitedPort, sepps.visitedN32fPort, sepps.files.get("visited").caCert()));
            if (visitedRateLimit != null) {
                y.append("    rateLimit: ").append(visitedRateLimit).append('\n');
            }
        }
        Files.writeString(homeFile, y.toString());
        return homeFile;
    }

    private void startHome() {
        home = SeppNode.start(SeppConfigLoader.load(homeFile), Clock.systemUTC()).reloadsFrom(homeFile);
    }

    private ReloadOutcome reloadHome() throws Exception {
        return home.reloadFile().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPartnerAddedByAReloadIsReachable() throws Exception {
        writeHome(false, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("visited is no partner of home yet")
                .isNotEqualTo(200);

        writeHome(true, null);
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);

        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("after the reload").isEqualTo(200);
        assertThat(home.contexts().forPeer("visited")).isNotEmpty();
        assertThat(home.meters().counter(SeppNode.RELOADS, "outcome", "applied").count()).isEqualTo(1.0);
    }

    @Test
    void aPartnerRemovedByAReloadHasItsContextsTerminatedAtThePeer() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(visited.contexts().forPeer("home")).as("the visited SEPP's context with home").isNotEmpty();

        writeHome(false, null);
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);

        // n32f-terminate reached the visited SEPP: its context with home ended (TS 29.573 5.2.2.5).
        await(() -> visited.contexts().forPeer("home").isEmpty(), "the visited SEPP's context with home ended");
        await(() -> home.contexts().forPeer("visited").isEmpty(), "the home SEPP's context with visited ended");
        // The visited SEPP negotiates anew and is refused: home no longer has it as a partner.
        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("after the removal").isNotEqualTo(200);
        assertThat(home.meters().find("keygate_tls_certificate_expiry_seconds").tags("role", "anchor", "name",
                "visited").gauge()).as("the removed partner's anchor is no longer watched").isNull();
        assertThat(home.meters().find("keygate_tls_certificate_expiry_seconds").tags("role", "anchor", "name",
                "third").gauge()).as("the remaining partner's").isNotNull();
    }

    @Test
    void aRateLimitChangedByAReloadAppliesToTheNextRequest() throws Exception {
        writeHome(true, null);
        startHome();
        for (int i = 0; i < 3; i++) {
            assertThat(send().get(30, TimeUnit.SECONDS).status()).as("request %d under the default limit", i)
                    .isEqualTo(200);
        }

        writeHome(true, "{messagesPerSecond: 0.001, burst: 1}");
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);

        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("the one token of the new bucket").isEqualTo(200);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("over the new limit: 429 NF_CONGESTION_RISK")
                .isEqualTo(429);
    }

    @Test
    void anInvalidFileIsRefusedNamingTheFieldWhileTrafficContinues() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        writeHome(true, "{messagesPerSecond: -5, burst: 1}");
        ReloadOutcome outcome = reloadHome();

        assertThat(outcome).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(outcome.message()).contains("peers[1].rateLimit: messagesPerSecond: -5.0");
        assertThat(home.meters().counter(SeppNode.RELOADS, "outcome", "refused").count()).isEqualTo(1.0);
        assertThat(home.config().edge().rateLimits().limitOf("visited").messagesPerSecond()).as("the running one")
                .isEqualTo(5000.0);
        for (int i = 0; i < 3; i++) {
            assertThat(send().get(30, TimeUnit.SECONDS).status()).as("traffic after the refusal").isEqualTo(200);
        }
        // The same through the admin listener, as `keygate sepp reload` asks it.
        HttpResponse<String> admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.adminAddress().orElseThrow().getPort()
                        + "/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.body()).contains("\"outcome\":\"refused\"").contains("peers[1].rateLimit: messagesPerSecond: -5.0");
    }

    @Test
    void aFileChangingAListenerIsRefusedWhole() throws Exception {
        writeHome(true, null);
        startHome();
        Files.writeString(homeFile, Files.readString(homeFile).replace("listen: 127.0.0.1:" + sepps.homeN32fPort,
                "listen: 127.0.0.1:" + FreePorts.loopback(1)[0]));

        ReloadOutcome outcome = reloadHome();

        assertThat(outcome).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(outcome.message()).startsWith("n32f.port: ").contains("restart");
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void requestsInFlightAcrossReloadsAreAnswered() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        nfDelayMillis = 1500;
        List<CompletableFuture<SbiResponse>> inFlight = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            inFlight.add(send());
        }
        assertThat(atTheNf.await(20, TimeUnit.SECONDS)).as("all requests reached the home NF").isTrue();

        // Three reloads while they wait at the NF: a rate limit changed, the third partner dropped and back.
        writeHome(true, "{messagesPerSecond: 2000, burst: 2000}");
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);
        Files.writeString(homeFile, Files.readString(homeFile).replaceAll("(?s)  - name: third.*?(?=  - name: visited)",
                ""));
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);
        writeHome(true, null);
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);

        for (CompletableFuture<SbiResponse> f : inFlight) {
            assertThat(f.get(30, TimeUnit.SECONDS).status()).as("a request in flight across the reloads")
                    .isEqualTo(200);
        }
        assertThat(home.contexts().forPeer("visited")).as("the context with the partner kept").hasSize(1);
    }

    @Test
    void aChangedProtectionPolicyIsAgreedInANewContextWhileTheOldOneServes() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        N32fContext before = home.contexts().forPeer("visited").getFirst();

        // The default policy, OTHER added to what is encrypted. Both operators agree on it (each SEPP compares the
        // policy it receives with the one it has for the partner, TS 33.501 13.2.3.6): visited first, whose own
        // attempt at a new context then meets home's old policy and ends (the old context serving on), then home.
        var policy = org.keygate.n32.policy.DefaultProtectionPolicy.get();
        var changed = new org.keygate.n32.n32c.model.ProtectionPolicy(policy.apiIeMappingList(), List.of("UEID",
                "LOCATION", "KEY_MATERIAL", "AUTHENTICATION_MATERIAL", "AUTHORIZATION_TOKEN", "OTHER"));
        SeppConfig v = visited.config();
        PeerSepp p = v.peers().getFirst();
        assertThat(visited.reload(withPeer(v, new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(),
                p.trustAnchor(), p.initiate(), p.n32fAddress(), java.util.Optional.of(changed)))).message())
                .contains("renegotiated [home]");
        // JSON is YAML's flow style.
        String json = new String(org.keygate.sbi.json.SbiJson.write(changed), StandardCharsets.UTF_8);
        Files.writeString(homeFile, Files.readString(homeFile) + "    protectionPolicy: " + json + "\n");
        ReloadOutcome outcome = reloadHome();

        assertThat(outcome.message()).contains("renegotiated [visited]");
        await(() -> home.contexts().current("visited").map(c -> !c.localContextId().equals(before.localContextId()))
                .orElse(false), "a new context agreed, now the current one");
        assertThat(home.contexts().isLive(before)).as("the old context, still live").isTrue();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aChangedOwnN32cOfferIsAgreedInANewContextWhileTheOldOneServes() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        N32fContext before = home.contexts().forPeer("visited").getFirst();
        assertThat(before.jweCipherSuite()).map(Object::toString).contains("A256GCM");

        // The global N32-c settings, outside peers[]: another JWE cipher suite offered, an RI announced.
        String ipxKey = TestSepps.p256PublicKey();
        Files.writeString(homeFile, Files.readString(homeFile).replace("  capabilities: [PRINS, TLS]\n",
                "  capabilities: [PRINS, TLS]\n  jweCipherSuites: [A128GCM]\nipxProviders:\n"
                        + "  - ipxProviderId: ipx.example.org\n    rawPublicKeyList: [\"" + ipxKey + "\"]\n"));
        ReloadOutcome outcome = reloadHome();

        assertThat(outcome).isInstanceOf(ReloadOutcome.Applied.class);
        assertThat(outcome.message()).contains("renegotiated [third, visited]");
        await(() -> home.contexts().current("visited").map(c -> !c.localContextId().equals(before.localContextId()))
                .orElse(false), "a new context agreed, now the current one");
        N32fContext after = home.contexts().current("visited").orElseThrow();
        assertThat(after.jweCipherSuite()).map(Object::toString).contains("A128GCM");
        assertThat(visited.contexts().current("home").orElseThrow().peerIpxProviderSecInfo())
                .as("the partner received the RI announced by the reload").singleElement()
                .satisfies(i -> assertThat(i.rawPublicKeyList()).containsExactly(ipxKey));
        assertThat(home.contexts().isLive(before)).as("the old context, still live").isTrue();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aNewOwnCertificateAndTheAnchorFollowingItTakeOverWithoutARestart() throws Exception {
        writeHome(true, null);
        startHome();
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        // The home operator moves to a new CA: new key and certificate in home's file, the new anchor at visited.
        LabCa newCa = LabCa.create("keygate lab root 001-01 (home renewed)", Duration.ofDays(2));
        LabSeppFiles renewed = LabPki.write(dir.resolve("home-renewed"), newCa, newCa.issue(
                List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"), List.of(InetAddress.getLoopbackAddress())));
        LabSeppFiles old = sepps.files.get("home");
        Files.writeString(homeFile, Files.readString(homeFile).replace(old.certChain().toString(),
                renewed.certChain().toString()).replace(old.privateKey().toString(), renewed.privateKey().toString()));
        assertThat(reloadHome()).isInstanceOf(ReloadOutcome.Applied.class);
        SeppConfig v = visited.config();
        PeerSepp p = v.peers().getFirst();
        SeppConfig trustsTheNewCa = withPeer(v, new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(),
                newCa.certificate(), p.initiate(), p.n32fAddress(), p.protectionPolicy()));

        assertThat(visited.reload(trustsTheNewCa)).isInstanceOf(ReloadOutcome.Applied.class);

        // Its connections to home validated under the old anchor: closed, and the context with them ended.
        await(() -> visited.contexts().forPeer("home").isEmpty(), "the context under the old anchor ended");
        // The next request handshakes anew: home presents its new certificate, which only the new anchor accepts.
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(visited.contexts().forPeer("home")).hasSize(1);
    }

    /** {@code c} with {@code peer} as its only partner. */
    private static SeppConfig withPeer(SeppConfig c, PeerSepp peer) {
        return new SeppConfig(c.name(), c.n32c(), c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), List.of(peer), c.n32fListener(), c.homeNfs(), c.sbiListener(), c.edge(), c.h2(),
                c.drainTimeout(), c.revocation());
    }

    private CompletableFuture<SbiResponse> send() {
        return nf.send(new SbiRequest("POST", PATH, SbiHeaders.of("content-type", "application/json",
                "3gpp-sbi-target-apiroot", "http://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
                "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\"}".getBytes(StandardCharsets.UTF_8)),
                "sepp.5gc.mnc099.mcc999.3gppnetwork.org", "http");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
