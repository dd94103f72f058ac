package org.keygate.sepp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.testing.MutableClock;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.n32.n32c.N32Role;

class N32fContextRegistryTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    final N32fContextRegistry registry = new N32fContextRegistry(clock);
    final List<N32fContext> ended = new ArrayList<>();
    PeerSepp peer;
    N32fSessionKeys keys;

    @BeforeEach
    void setUp() throws Exception {
        peer = new TestSepps(dir).peer("visited", TestSepps.VISITED_PLMN, 7444);
        keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(new byte[64])),
                N32fContextId.parse("0123456789abcdef"), N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM);
        registry.onContextEnd(ended::add);
    }

    private N32fContext context(String local, Duration lifetime) {
        Instant now = clock.instant();
        return N32fContext.prins(peer, N32Role.RESPONDER, "conn-1", N32fContextId.parse(local),
                N32fContextId.parse("0123456789abcdef"), JweEnc.A128GCM, "ES256", keys, now, now.plus(lifetime));
    }

    @Test
    void aContextEndsWhenItsLifetimeRunsOut() {
        registry.put(context("fedcba9876543210", Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(registry.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.expire()).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(N32fContextState.TERMINATED));
        assertThat(registry.all()).isEmpty();
        assertThat(registry.byLocalId(N32fContextId.parse("fedcba9876543210"))).isEmpty();
        assertThat(ended).hasSize(1);
    }

    @Test
    void aNewContextLivesBesideTheOldOneWhichStaysUsable() {
        registry.put(established("fedcba9876543210"));
        clock.advance(Duration.ofSeconds(1));
        registry.put(established("1111111111111111"));
        // The newest established one is the one to send with; the older one still takes the partner's messages.
        assertThat(registry.current("visited").orElseThrow().localContextId().orElseThrow().value())
                .isEqualTo("1111111111111111");
        assertThat(registry.byLocalId(N32fContextId.parse("fedcba9876543210"))).isPresent();
        assertThat(registry.forPeer("visited")).hasSize(2);
        assertThat(ended).isEmpty();
    }

    @Test
    void aNegotiatingContextDoesNotHideTheEstablishedOne() {
        registry.put(established("fedcba9876543210"));
        clock.advance(Duration.ofSeconds(1));
        registry.put(context("1111111111111111", Duration.ofHours(1)));
        assertThat(registry.current("visited").orElseThrow().localContextId().orElseThrow().value())
                .isEqualTo("fedcba9876543210");
    }

    @Test
    void beyondTheBoundTheOldestEnds() {
        String[] ids = {"1000000000000000", "2000000000000000", "3000000000000000", "4000000000000000",
                "5000000000000000"};
        for (String id : ids) {
            registry.put(established(id));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(N32fContextRegistry.MAX_CONTEXTS_PER_PEER).isEqualTo(4);
        assertThat(registry.forPeer("visited")).hasSize(4);
        assertThat(ended).singleElement().satisfies(c -> {
            assertThat(c.localContextId().orElseThrow().value()).isEqualTo("1000000000000000");
            assertThat(c.state()).isEqualTo(N32fContextState.TERMINATED);
        });
        assertThat(registry.byLocalId(N32fContextId.parse("1000000000000000"))).isEmpty();
    }

    private N32fContext established(String local) {
        return context(local, Duration.ofHours(1)).withState(N32fContextState.ESTABLISHED);
    }

    @Test
    void updatesReachTheCurrentContext() {
        registry.put(context("fedcba9876543210", Duration.ofHours(1)));
        registry.update(N32fContextId.parse("fedcba9876543210"),
                c -> c.withPeerIpxProviderSecInfo(List.of()).withState(N32fContextState.ESTABLISHED));
        assertThat(registry.current("visited").orElseThrow().state()).isEqualTo(N32fContextState.ESTABLISHED);
        assertThat(ended).isEmpty();
    }

    @Test
    void endingRemovesItAndTellsListeners() {
        N32fContext c = context("fedcba9876543210", Duration.ofHours(1));
        registry.put(c);
        registry.end(c, N32fContextState.FAILED);
        assertThat(registry.all()).isEmpty();
        assertThat(ended).extracting(N32fContext::state).containsExactly(N32fContextState.FAILED);
    }

    @Test
    void toStringShowsIdsButNoKeyMaterial() {
        String text = context("fedcba9876543210", Duration.ofHours(1)).toString();
        assertThat(text).contains("fedcba9876543210", "A128GCM");
        String keyHex = HexFormat.of().formatHex(
                keys.parallelRequestKey().key().toByteArray(InsecureSecretAccess.get()));
        assertThat(text).doesNotContain(keyHex).doesNotContain(keyHex.substring(0, 8));
    }
}
