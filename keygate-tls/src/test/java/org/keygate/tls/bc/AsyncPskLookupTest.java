package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

/**
 * A PSK lookup that answers later, as the CAPIF AEF's does when it fetches AEFPSK from the CCF (TS 33.122 6.5.2.1):
 * the handshake waits for it without blocking the event loop, which meanwhile completes another client's handshake.
 */
class AsyncPskLookupTest {
    private static final SecretBytes KEY = SecretBytes.copyOf(BcTlsServerOpenSslTest.KEY);
    private static final String KEY_HEX = HexFormat.of().formatHex(BcTlsServerOpenSslTest.KEY);

    /** "fast" answers at once; any other identity waits until the test completes its future. */
    private final ConcurrentHashMap<String, CompletableFuture<Optional<SecretBytes>>> pending =
            new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> asked = new LinkedBlockingQueue<>();

    private CompletableFuture<Optional<SecretBytes>> lookup(String identity) {
        if (identity.equals("fast")) {
            asked.add(identity);
            return CompletableFuture.completedFuture(Optional.of(KEY));
        }
        CompletableFuture<Optional<SecretBytes>> answer = pending.computeIfAbsent(identity,
                i -> new CompletableFuture<>());
        asked.add(identity);
        return answer;
    }

    private static Process sClient(int port, String version, String identity) throws Exception {
        ExternalTool.require("openssl");
        return new ProcessBuilder(BcTlsServerOpenSslTest.sClient(port, version, KEY_HEX, identity))
                .redirectErrorStream(true).start();
    }

    private static String finish(Process p, String stdin) throws Exception {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("openssl s_client finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aSlowLookupDoesNotStallOtherHandshakes() throws Exception {
        // EchoServer runs every connection on one event-loop thread.
        try (EchoServer server = new EchoServer(BcTlsServerConfig.builder().pskLookup(this::lookup).build())) {
            for (String version : List.of("-tls1_2", "-tls1_3")) {
                String slowId = "slow" + version;
                Process slow = sClient(server.port(), version, slowId);
                assertThat(asked.poll(20, TimeUnit.SECONDS)).isEqualTo(slowId);

                ExternalTool.Result fast = ExternalTool.run(
                        BcTlsServerOpenSslTest.sClient(server.port(), version, KEY_HEX, "fast"), "fast one\n");
                assertThat(fast.output()).contains("echo:fast one");
                assertThat(server.session().pskIdentity()).contains("fast");
                assertThat(slow.isAlive()).isTrue();

                pending.get(slowId).complete(Optional.of(KEY));
                assertThat(finish(slow, "slow one\n")).contains("echo:slow one");
                assertThat(server.session().pskIdentity()).contains(slowId);
                asked.clear();
            }
        }
    }

    @Test
    void certificateHandshakesOnAMixedServerNeverAskTheLookup() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mixed");
        org.keygate.tls.pki.LabCa ca = org.keygate.tls.pki.LabCa.create("mixed CA", java.time.Duration.ofDays(1));
        org.keygate.tls.pki.LabSeppFiles f = org.keygate.tls.pki.LabPki.write(dir, ca,
                ca.issue(List.of("localhost"), List.of(java.net.InetAddress.getLoopbackAddress())));
        BcTlsServerConfig mixed = BcTlsServerConfig.builder().pskLookup(this::lookup)
                .keyMaterial(org.keygate.tls.jsse.TlsKeyMaterial.load(f.certChain(), f.privateKey())).build();
        try (EchoServer server = new EchoServer(mixed)) {
            // ECDHE_ECDSA: the ClientKeyExchange starts with a public key, which must not be taken for an identity
            ExternalTool.Result r = ExternalTool.run(List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + server.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-CAfile",
                    f.caCert().toString(), "-ign_eof"), "certificate client\n");
            assertThat(r.output()).contains("echo:certificate client");
            assertThat(server.session().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(asked).isEmpty();
        }
    }

    @Test
    void aFailedOrEmptyLookupIsAnUnknownIdentity() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerConfig.builder().pskLookup(this::lookup).build())) {
            Process failing = sClient(server.port(), "-tls1_2", "ccf-unreachable");
            assertThat(asked.poll(20, TimeUnit.SECONDS)).isEqualTo("ccf-unreachable");
            pending.get("ccf-unreachable").completeExceptionally(new java.io.IOException("CAPIF-3 connect refused"));
            assertThat(finish(failing, "x\n")).contains("alert unknown psk identity");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("unknown_psk_identity");

            Process empty = sClient(server.port(), "-tls1_3", "revoked-invoker");
            assertThat(asked.poll(20, TimeUnit.SECONDS)).isEqualTo("revoked-invoker");
            pending.get("revoked-invoker").complete(Optional.empty());
            assertThat(finish(empty, "x\n")).contains("alert unknown psk identity");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("unknown_psk_identity");
        }
    }

    /**
     * A TLS 1.3 server that also has a certificate (the CAPIF AEF) falls back to it when an offered identity is
     * unknown (RFC 8446 4.2.11 lets it), but not when the lookup failed: the PSK client would meet a certificate it
     * cannot check and blame it. It refuses with internal_error.
     */
    @Test
    void aFailedLookupOnATls13ServerWithACertificateIsAnInternalError() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mixed");
        org.keygate.tls.pki.LabCa ca = org.keygate.tls.pki.LabCa.create("mixed CA", java.time.Duration.ofDays(1));
        org.keygate.tls.pki.LabSeppFiles f = org.keygate.tls.pki.LabPki.write(dir, ca,
                ca.issue(List.of("localhost"), List.of(java.net.InetAddress.getLoopbackAddress())));
        BcTlsServerConfig mixed = BcTlsServerConfig.builder().pskLookup(this::lookup)
                .keyMaterial(org.keygate.tls.jsse.TlsKeyMaterial.load(f.certChain(), f.privateKey())).build();
        try (EchoServer server = new EchoServer(mixed)) {
            Process failing = sClient(server.port(), "-tls1_3", "ccf-unreachable");
            assertThat(asked.poll(20, TimeUnit.SECONDS)).isEqualTo("ccf-unreachable");
            pending.get("ccf-unreachable").completeExceptionally(new java.io.IOException("CAPIF-3 connect refused"));
            assertThat(finish(failing, "x\n")).contains("alert internal error");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("internal_error");
        }
    }
}
