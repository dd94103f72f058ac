package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.crypto.secret.SecretBytes;

/**
 * A BC client and a BC server handler in memory (Netty's EmbeddedChannel), records cut into single octets on the
 * way, for every PSK suite the handler offers (TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256, CAPIF-2e's first suite, has no
 * OpenSSL or GnuTLS counterpart, so BC meets itself here). The PSK identity scanner sees each record split at every
 * point.
 */
class InMemoryPumpTest {
    private static final String IDENTITY = "api-invoker-42";
    private static final SecretBytes KEY = SecretBytes.copyOf(HexFormat.of().parseHex(
            "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000"));

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_AES_128_GCM_SHA256"})
    void everySuiteOneOctetAtATime(String suite) {
        boolean tls13 = suite.startsWith("TLS_AES");
        TlsVersion version = tls13 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        BcTlsHandler clientTls = BcTlsHandler.client(BcTlsClientConfig.builder().versions(version)
                .cipherSuites(List.of(suite)).psk(new ExternalPsk(IDENTITY, KEY)).captureMasterSecret(!tls13).build());
        BcTlsHandler serverTls = BcTlsHandler.server(BcTlsServerConfig.builder().versions(version)
                .cipherSuites(List.of(suite)).pskLookup(PskLookup.of(Map.of(IDENTITY, KEY)))
                .captureMasterSecret(!tls13).build());
        EmbeddedChannel client = new EmbeddedChannel(clientTls);
        EmbeddedChannel server = new EmbeddedChannel(serverTls);
        for (int round = 0; round < 20 && !(clientTls.handshakeFuture().isDone()
                && serverTls.handshakeFuture().isDone()); round++) {
            pump(client, server);
            pump(server, client);
        }
        assertThat(serverTls.handshakeFuture().isSuccess()).as(String.valueOf(serverTls.handshakeFuture().cause()))
                .isTrue();
        assertThat(clientTls.handshakeFuture().isSuccess()).isTrue();
        BcTlsSession s = serverTls.session().orElseThrow();
        assertThat(s.cipherSuite()).isEqualTo(suite);
        assertThat(s.pskIdentity()).contains(IDENTITY);
        if (!tls13) {
            assertThat(s.masterSecret().orElseThrow()
                    .equalsSecret(clientTls.session().orElseThrow().masterSecret().orElseThrow())).isTrue();
        }

        client.writeOutbound(Unpooled.copiedBuffer("BFCP floor request", StandardCharsets.UTF_8));
        pump(client, server);
        ByteBuf got = server.readInbound();
        StringBuilder text = new StringBuilder();
        while (got != null) {
            text.append(got.toString(StandardCharsets.UTF_8));
            got.release();
            got = server.readInbound();
        }
        assertThat(text.toString()).isEqualTo("BFCP floor request");

        // close_notify from the client ends the server's TLS session and its TCP connection.
        client.close();
        pump(client, server);
        assertThat(server.isOpen()).isFalse();
        assertThat(client.finishAndReleaseAll()).isFalse();
        server.finishAndReleaseAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_1_2", "TLS_1_3"})
    void lateLookupAnswerWithInputArrivingMeanwhile(String v) {
        TlsVersion version = TlsVersion.valueOf(v);
        java.util.concurrent.CompletableFuture<java.util.Optional<SecretBytes>> answer =
                new java.util.concurrent.CompletableFuture<>();
        BcTlsHandler clientTls = BcTlsHandler.client(BcTlsClientConfig.builder().versions(version)
                .psk(new ExternalPsk(IDENTITY, KEY)).build());
        BcTlsHandler serverTls = BcTlsHandler.server(BcTlsServerConfig.builder().versions(version)
                .pskLookup(identity -> answer).build());
        EmbeddedChannel client = new EmbeddedChannel(clientTls);
        EmbeddedChannel server = new EmbeddedChannel(serverTls);
        for (int round = 0; round < 5; round++) {
            pump(client, server);
            pump(server, client);
        }
        // The server waits for the answer: nothing completes, and it holds what came after the identity.
        assertThat(serverTls.handshakeFuture().isDone()).isFalse();
        assertThat(server.config().isAutoRead()).isFalse();
        answer.complete(java.util.Optional.of(KEY));
        for (int round = 0; round < 10 && !(clientTls.handshakeFuture().isDone()
                && serverTls.handshakeFuture().isDone()); round++) {
            pump(client, server);
            pump(server, client);
        }
        assertThat(serverTls.handshakeFuture().isSuccess()).as(String.valueOf(serverTls.handshakeFuture().cause()))
                .isTrue();
        assertThat(clientTls.handshakeFuture().isSuccess()).as(String.valueOf(clientTls.handshakeFuture().cause()))
                .isTrue();
        assertThat(server.config().isAutoRead()).isTrue();
        assertThat(serverTls.session().orElseThrow().version()).isEqualTo(version);
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    /** Moves everything {@code from} wrote to {@code to}, one octet per read. */
    static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        from.runPendingTasks();
        for (ByteBuf out = from.readOutbound(); out != null; out = from.readOutbound()) {
            while (out.isReadable()) {
                to.writeInbound(out.readRetainedSlice(1));
                to.runPendingTasks();
            }
            out.release();
        }
    }
}
