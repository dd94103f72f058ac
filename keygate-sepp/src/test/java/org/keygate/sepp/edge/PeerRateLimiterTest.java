package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;

/** Token buckets per peer, with an injected clock: no sleeping. */
class PeerRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aPeerHasAtMostItsMaxInFlightRequestsInProgressWhateverItsRate() {
        PeerRateLimiter limiter = new PeerRateLimiter(RateLimitSettings.builder().defaultLimit(1000, 10, 5)
                .peer("visited", 1000, 1000, 2).build(), now::get);
        assertThat(limiter.enter("visited")).isTrue();
        assertThat(limiter.enter("visited")).isTrue();
        assertThat(limiter.enter("visited")).as("a third while two are in progress").isFalse();
        limiter.leave("visited");
        assertThat(limiter.enter("visited")).as("one was answered").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.enter("third")).as("the default for another peer").isTrue();
        }
        assertThat(limiter.enter("third")).isFalse();
        assertThatThrownBy(() -> RateLimitSettings.builder().defaultLimit(1, 1, 0))
                .hasMessageContaining("maxInFlight: 0");
    }

    @Test
    void aPeerGetsItsBurstThenItsRate() {
        PeerRateLimiter limiter = new PeerRateLimiter(RateLimitSettings.builder().defaultLimit(1000, 10)
                .peer("visited", 2, 3).build(), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        }
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.LIMITED);
        assertThat(limiter.acquire("visited").tag()).isEqualTo("limited");
        now.addAndGet(499_000_000L); // 0.499 s at 2/s: not yet one token
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.LIMITED);
        now.addAndGet(1_000_000L);
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.LIMITED);
        now.addAndGet(3_600_000_000_000L); // an hour refills only up to the burst
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        }
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.LIMITED);
        // Another peer has its own bucket, with the default limit.
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire("third")).isEqualTo(RateLimitOutcome.ADMITTED);
        }
        assertThat(limiter.acquire("third")).isEqualTo(RateLimitOutcome.LIMITED);
    }

    @Test
    void withAClusterShareTheBucketHoldsAndRefillsThatShareAndDemandIsCounted() {
        PeerRateLimiter limiter = new PeerRateLimiter(RateLimitSettings.builder().peer("visited", 10, 10).build(),
                now::get);
        limiter.shareWith(peer -> 0.25); // a quarter of 10/s and of a burst of 10: 2.5 messages, 2.5/s
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        assertThat(limiter.acquire("visited")).as("the third of a 2.5 burst").isEqualTo(RateLimitOutcome.LIMITED);
        now.addAndGet(199_000_000L); // 0.199 s at 2.5/s: 0.4975 more, 0.9975 in all
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.LIMITED);
        now.addAndGet(1_000_000L);
        assertThat(limiter.acquire("visited")).isEqualTo(RateLimitOutcome.ADMITTED);
        assertThat(limiter.takeDemand()).as("asked, admitted or not").containsExactly(java.util.Map.entry("visited", 5L));
        assertThat(limiter.takeDemand()).containsExactly(java.util.Map.entry("visited", 0L));
        limiter.shareWith(peer -> 0.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limiter.acquire("visited"))
                .hasMessageContaining("rate share of visited: 0.0");
    }

    @Test
    void overTheLimitIs429NfCongestionRisk() {
        PeerRateLimiter limiter = new PeerRateLimiter(RateLimitSettings.builder().defaultLimit(1, 1).build(), now::get);
        SbiRequest r = new SbiRequest("GET", "/x/v1/y", SbiHeaders.empty(), new byte[0]);
        OriginatingNetworkIdCheckTest.pass(limiter.check(r, "visited"));
        EdgeCheckResult<SbiRequest> limited = limiter.check(r, "visited");
        assertThat(OriginatingNetworkIdCheckTest.fail(limited)).isEqualTo(EdgeViolation.RATE_LIMITED);
        assertThat(((EdgeCheckResult.Fail<SbiRequest>) limited).response().status()).isEqualTo(429);
        assertThat(((EdgeCheckResult.Fail<SbiRequest>) limited).problem().cause()).isEqualTo("NF_CONGESTION_RISK");
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> RateLimitSettings.builder().defaultLimit(0, 1)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> RateLimitSettings.builder().defaultLimit(Double.NaN, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> RateLimitSettings.builder().peer("a", 1, 0)).hasMessageContaining("burst: 0");
        assertThatThrownBy(() -> RateLimitSettings.builder().peer("a", 1, 1).peer("a", 2, 2))
                .hasMessageContaining("twice");
    }
}
