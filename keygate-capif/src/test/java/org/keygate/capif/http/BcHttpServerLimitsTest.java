package org.keygate.capif.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.PskLookup;

/** The BC HTTP listener's limits: connections beyond the maximum are closed, idle ones too. */
class BcHttpServerLimitsTest {
    static final SecretBytes KEY = SecretBytes.copyOf(new byte[32]);

    static BcHttpServer server(BcHttpServer.Limits limits) {
        return BcHttpServer.start("limits", new InetSocketAddress("127.0.0.1", 0), BcTlsServerConfig.builder()
                .pskLookup(PskLookup.of(Map.of("client", KEY))).build(),
                (r, c) -> CompletableFuture.completedFuture(SbiResponse.noContent()), limits);
    }

    static BcTlsClientConfig client() {
        return BcTlsClientConfig.builder().psk(new ExternalPsk("client", KEY)).build();
    }

    @Test
    void aConnectionBeyondTheMaximumIsClosedBeforeTls() throws Exception {
        try (BcHttpServer s = server(new BcHttpServer.Limits(1024, 1, Duration.ofMinutes(1)));
                BcHttpClient http = new BcHttpClient(Duration.ofSeconds(5))) {
            var first = http.connect(s.localAddress(), client()).get(20, TimeUnit.SECONDS);
            assertThat(first.send(new SbiRequest("GET", "/", SbiHeaders.empty(), null)).get(20, TimeUnit.SECONDS)
                    .status()).isEqualTo(204);
            assertThatThrownBy(() -> http.connect(s.localAddress(), client()).get(20, TimeUnit.SECONDS))
                    .hasMessageContaining("closed");
            first.close();
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (BcHttpServer s = server(new BcHttpServer.Limits(1024, 10, Duration.ofSeconds(1)));
                BcHttpClient http = new BcHttpClient(Duration.ofSeconds(5))) {
            var c = http.connect(s.localAddress(), client()).get(20, TimeUnit.SECONDS);
            assertThat(c.send(new SbiRequest("GET", "/", SbiHeaders.empty(), null)).get(20, TimeUnit.SECONDS)
                    .status()).isEqualTo(204);
            for (int i = 0; i < 200 && c.isOpen(); i++) {
                Thread.sleep(50); // bounded wait for the server's close
            }
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new BcHttpServer.Limits(0, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("expected: all > 0");
        assertThatThrownBy(() -> new BcHttpServer.Limits(1, 1, Duration.ZERO)).hasMessageContaining("expected");
    }
}
