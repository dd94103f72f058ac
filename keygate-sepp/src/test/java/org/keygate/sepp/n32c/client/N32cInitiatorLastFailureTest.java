package org.keygate.sepp.n32c.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.trust.PlmnTrustAnchors;

/** The initiator remembers each partner's last failed attempt, for the status view. */
class N32cInitiatorLastFailureTest {
    @TempDir
    Path dir;

    @Test
    void aPartnerThatIsDownLeavesItsLastAttemptWithTheInjectedTime() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        SeppConfig config = sepps.visited(TestSepps.PRINS_FIRST); // the home SEPP is not started: nothing listens
        PeerSepp home = config.peers().getFirst();
        MutualTls tls = MutualTls.builder().keyMaterial(config.keyMaterial())
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN, home.trustAnchor()).build())
                .protocols(config.tlsProtocols()).build();
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        N32fContextRegistry contexts = new N32fContextRegistry(Clock.fixed(now, ZoneOffset.UTC));
        try (SbiClient client = SbiClient.builder().tls(tls.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(5)).build()) {
            N32cOutbound outbound = new N32cOutbound(client, tls, new PeerDirectory(config.peers()));
            N32cInitiator initiator = new N32cInitiator(config.n32c(), outbound, contexts, new SecureRandom(),
                    new HandshakeRetryPolicy(Duration.ofSeconds(5), 1, Duration.ofMillis(10)),
                    new SimpleMeterRegistry());
            assertThat(initiator.lastFailure("home")).isEmpty();

            assertThatThrownBy(() -> initiator.establish(home).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);

            HandshakeFailure last = initiator.lastFailure("home").orElseThrow();
            assertThat(last.at()).isEqualTo(now);
            assertThat(last.attempt()).isEqualTo(2); // one retry configured
            assertThat(last.reason()).contains("cannot connect");
            outbound.close();
        }
    }
}
