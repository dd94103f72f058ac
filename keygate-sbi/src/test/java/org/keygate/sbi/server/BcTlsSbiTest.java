package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.BcTlsAlertException;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.tls.bc.ClientAuth;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.PskLookup;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;

/**
 * HTTP/2 and HTTP/1.1 over keygate's Bouncy Castle TLS: PSK (CAPIF-2e, TS 33.122 6.5.2) and certificate TLS 1.2 with
 * master-secret capture (CAPIF-1e); handlers see the session through {@link SbiConnection#bcTlsSession()}.
 */
class BcTlsSbiTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final String INVOKER = "api-invoker-7";
    private static final SecretBytes AEFPSK = SecretBytes.copyOf(HexFormat.of().parseHex(
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"));

    @TempDir
    Path dir;
    private final LinkedBlockingQueue<BcTlsSession> serverSessions = new LinkedBlockingQueue<>();
    private SbiServer server;
    private SbiClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private CompletableFuture<SbiResponse> whoAmI(SbiRequest r, SbiConnection c) {
        BcTlsSession s = c.bcTlsSession().orElseThrow();
        serverSessions.add(s);
        String body = "{\"psk\":\"" + s.pskIdentity().orElse("") + "\",\"protocol\":\"" + c.protocol()
                + "\",\"peerCerts\":" + c.peerCertificates().size() + "}";
        return CompletableFuture.completedFuture(SbiResponse.json(200, body.getBytes(StandardCharsets.UTF_8)));
    }

    private void startServer(BcTlsServerConfig config) {
        server = SbiServer.builder().name("bc").bind(ANY_PORT).bcTls(config).handler(this::whoAmI).build().start();
    }

    @Test
    void http2OverPskWithTheIdentityVisibleToTheHandler() throws Exception {
        for (TlsVersion version : TlsVersion.values()) {
            startServer(BcTlsServerConfig.builder().pskLookup(PskLookup.of(Map.of(INVOKER, AEFPSK))).build());
            client = SbiClient.builder().bcTls(BcTlsClientConfig.builder().versions(version)
                    .psk(new ExternalPsk(INVOKER, AEFPSK)).build()).build();
            SbiClientConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            SbiResponse rsp = c.send(SbiRequest.json("POST", "/aef/v1/resource", "{}".getBytes()), "aef.example",
                    "https").get(10, TimeUnit.SECONDS);
            assertThat(rsp.status()).isEqualTo(200);
            assertThat(new String(rsp.body(), StandardCharsets.UTF_8))
                    .contains("\"psk\":\"" + INVOKER + "\"", "\"protocol\":\"h2\"", "\"peerCerts\":0");
            assertThat(c.bcTlsSession().orElseThrow().version()).isEqualTo(version);
            assertThat(c.bcTlsSession().orElseThrow().applicationProtocol()).contains("h2");
            assertThat(c.tlsSession()).isEmpty();
            stop();
        }
    }

    @Test
    void certificateTls12CapturesTheSameMasterSecretAndSessionIdOnBothEnds() throws Exception {
        LabCa ca = LabCa.create("CCF CA", Duration.ofDays(1));
        LabSeppFiles ccf = LabPki.write(dir.resolve("ccf"), ca, ca.issue(List.of("localhost"),
                List.of(InetAddress.getLoopbackAddress())));
        LabSeppFiles invoker = LabPki.write(dir.resolve("invoker"), ca, ca.issue(List.of("invoker.example"),
                List.of()));
        startServer(BcTlsServerConfig.builder().keyMaterial(TlsKeyMaterial.load(ccf.certChain(), ccf.privateKey()))
                .clientAuth(ClientAuth.OPTIONAL, List.of(ca.certificate())).captureMasterSecret(true).build());
        client = SbiClient.builder().bcTls(BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                .trustAnchors(List.of(ca.certificate())).serverName("localhost")
                .keyMaterial(TlsKeyMaterial.load(invoker.certChain(), invoker.privateKey()))
                .captureMasterSecret(true).build()).build();
        SbiClientConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        SbiResponse rsp = c.send(SbiRequest.json("POST", "/onboarding", "{}".getBytes()), "localhost", "https")
                .get(10, TimeUnit.SECONDS);
        assertThat(new String(rsp.body(), StandardCharsets.UTF_8)).contains("\"peerCerts\":2");
        BcTlsSession atServer = serverSessions.poll(10, TimeUnit.SECONDS);
        BcTlsSession atClient = c.bcTlsSession().orElseThrow();
        assertThat(atServer.sessionIdHex()).hasSize(64).isEqualTo(atClient.sessionIdHex());
        assertThat(atServer.extendedMasterSecret()).isTrue();
        assertThat(atServer.masterSecret().orElseThrow().equalsSecret(atClient.masterSecret().orElseThrow())).isTrue();
        assertThat(atClient.peerCertificates().getFirst().getSubjectX500Principal().getName())
                .isEqualTo(ca.issue(List.of("localhost"), List.of()).certificate().getSubjectX500Principal().getName());
    }

    @Test
    void wrongServerNameAndUnknownPskFailTheConnect() throws Exception {
        LabCa ca = LabCa.create("CCF CA", Duration.ofDays(1));
        LabSeppFiles ccf = LabPki.write(dir.resolve("ccf"), ca, ca.issue(List.of("localhost"), List.of()));
        startServer(BcTlsServerConfig.builder().keyMaterial(TlsKeyMaterial.load(ccf.certChain(), ccf.privateKey()))
                .pskLookup(PskLookup.of(Map.of(INVOKER, AEFPSK))).build());
        client = SbiClient.builder().bcTls(BcTlsClientConfig.builder().trustAnchors(List.of(ca.certificate()))
                .serverName("ccf.other.example").build()).build();
        assertThatThrownBy(() -> client.connect(server.localAddress()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause().getCause()).isInstanceOf(BcTlsAlertException.class)
                        .hasMessage("sent fatal alert bad_certificate(42): the server certificate does not name"
                                + " ccf.other.example"));

        BcTlsClientConfig stranger = BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                .cipherSuites(List.of("TLS_PSK_WITH_AES_128_GCM_SHA256"))
                .psk(new ExternalPsk("stranger", AEFPSK)).build();
        assertThatThrownBy(() -> client.connectBcTls(server.localAddress(), stranger).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause().getCause()).isInstanceOf(BcTlsAlertException.class)
                        .hasMessageContaining("received fatal alert unknown_psk_identity(115)"));
    }

    @Test
    void openSslPskClientSpeaksHttp11ToTheAef() throws Exception {
        startServer(BcTlsServerConfig.builder().pskLookup(PskLookup.of(Map.of(INVOKER, AEFPSK))).build());
        for (String version : List.of("-tls1_2", "-tls1_3")) {
            Process p = new ProcessBuilder("openssl", "s_client", "-connect",
                    "127.0.0.1:" + server.localAddress().getPort(), version, "-psk",
                    "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf", "-psk_identity", INVOKER,
                    "-cipher", "PSK-AES128-GCM-SHA256", "-alpn", "http/1.1", "-ign_eof", "-quiet")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(("POST /aef/v1/resource HTTP/1.1\r\nHost: aef.example\r\nContent-Type:"
                    + " application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("s_client ended").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("HTTP/1.1 200").contains("\"psk\":\"" + INVOKER + "\"")
                    .contains("\"protocol\":\"http/1.1\"");
        }
    }

    @Test
    void buildersTakeExactlyOneTransport() throws Exception {
        BcTlsServerConfig psk = BcTlsServerConfig.builder().pskLookup(PskLookup.of(Map.of(INVOKER, AEFPSK))).build();
        assertThatThrownBy(() -> SbiServer.builder().bind(ANY_PORT).handler(this::whoAmI).bcTls(psk).cleartext()
                .build()).hasMessage("choose one of tls(...), bcTls(...) and cleartext()");
        BcTlsClientConfig client = BcTlsClientConfig.builder().psk(new ExternalPsk(INVOKER, AEFPSK)).build();
        assertThatThrownBy(() -> SbiClient.builder().bcTls(client).cleartext().build())
                .hasMessage("choose one of tls(...), bcTls(...) and cleartext()");
        try (SbiClient cleartext = SbiClient.builder().cleartext().build()) {
            assertThatThrownBy(() -> cleartext.connectBcTls(ANY_PORT, client))
                    .hasMessage("this client was not built with bcTls(...)");
        }
    }

    @Test
    void curlSpeaksHttp2AndHttp11OverTheBcServer() throws Exception {
        LabCa ca = LabCa.create("CCF CA", Duration.ofDays(1));
        LabSeppFiles ccf = LabPki.write(dir.resolve("ccf"), ca, ca.issue(List.of("localhost"), List.of()));
        startServer(BcTlsServerConfig.builder().keyMaterial(TlsKeyMaterial.load(ccf.certChain(), ccf.privateKey()))
                .build());
        for (String version : List.of("--http2", "--http1.1")) {
            Process p = new ProcessBuilder("curl", "-sS", version, "--cacert", ccf.caCert().toString(), "-d", "{}",
                    "-H", "content-type: application/json",
                    "https://localhost:" + server.localAddress().getPort() + "/x").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("\"protocol\":\"" + (version.equals("--http2") ? "h2" : "http/1.1") + "\"");
        }
    }
}
