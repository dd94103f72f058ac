package org.keygate.sepp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.testing.MutableClock;
import org.keygate.n32.n32c.N32Role;

/** When {@link AgreementRenewal} says a partner's agreement needs renewing, on an injected clock. */
class AgreementRenewalUnitTest {
    @TempDir
    Path dir;

    @Test
    void dueInTheLastTenthOnceThenAfterTheRetryIntervalAndNotForAHalfNegotiatedContext() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        N32fContextRegistry registry = new N32fContextRegistry(clock);
        PeerSepp peer = new TestSepps(dir).peer("visited", TestSepps.VISITED_PLMN, 7444);
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(new byte[64])),
                N32fContextId.parse("0123456789abcdef"), N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM);
        Instant t0 = clock.instant();
        registry.put(N32fContext.prins(peer, N32Role.RESPONDER, "c1", N32fContextId.parse("fedcba9876543210"),
                N32fContextId.parse("0123456789abcdef"), JweEnc.A128GCM, "ES256", keys, t0, t0.plus(Duration.ofHours(10)))
                .withState(N32fContextState.ESTABLISHED));
        AgreementRenewal renewal = new AgreementRenewal(registry);

        clock.advance(Duration.ofHours(8).plusMinutes(59));
        assertThat(renewal.due(clock.instant())).isEmpty();
        // A partner's aborted handshake leaves a newer, half-negotiated context: it does not count.
        registry.put(N32fContext.prins(peer, N32Role.RESPONDER, "c2", N32fContextId.parse("1111111111111111"),
                N32fContextId.parse("2222222222222222"), JweEnc.A128GCM, "ES256", keys, clock.instant(),
                clock.instant().plus(Duration.ofHours(10))));
        clock.advance(Duration.ofMinutes(1));
        assertThat(renewal.due(clock.instant())).extracting(PeerSepp::name).containsExactly("visited");
        assertThat(renewal.due(clock.instant())).isEmpty();
        clock.advance(AgreementRenewal.RETRY_AFTER);
        assertThat(renewal.due(clock.instant())).extracting(PeerSepp::name).containsExactly("visited");
    }
}
