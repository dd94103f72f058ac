package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer that never finishes the handshake loses the connection after the timeout (Netty's clock, no sleeping). */
class HandshakeTimeoutTest {
    @Test
    void silentClientIsDisconnected() {
        BcTlsHandler tls = BcTlsHandler.server(BcTlsServerOpenSslTest.pskServer(), Duration.ofSeconds(3));
        EmbeddedChannel channel = new EmbeddedChannel(tls);
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(tls.handshakeFuture().cause()).hasMessage("TLS handshake not done within PT3S");
        channel.finishAndReleaseAll();
    }

    @Test
    void handshakeFutureCanBeAwaitedFromAnotherThread() throws Exception {
        BcTlsHandler tls = BcTlsHandler.server(BcTlsServerOpenSslTest.pskServer());
        assertThat(tls.handshakeFuture().isDone()).isFalse();
        EmbeddedChannel channel = new EmbeddedChannel(tls);
        channel.close();
        assertThat(tls.handshakeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tls.handshakeFuture().cause()).hasMessage("connection closed before the TLS handshake completed");
        channel.finishAndReleaseAll();
    }

    @Test
    void timeoutMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BcTlsHandler.client(
                BcTlsClientConfig.builder().psk(new ExternalPsk("a", org.keygate.crypto.secret.SecretBytes.copyOf(
                        new byte[16]))).build(), Duration.ZERO)).hasMessageContaining("handshakeTimeout: PT0S");
    }
}
