package org.keygate.ipx.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The breaker's schedule on a clock the test moves: 250 ms, 500 ms, 1 s, ... at most 8 s, one try at a time. */
class NextHopBackoffTest {
    private long now = 1_000_000_000L;
    private final NextHopBackoff backoff = new NextHopBackoff(() -> now);

    private static final long MS = 1_000_000L;

    @Test
    void aHopThatNeverFailedIsTried() {
        assertThat(backoff.refusal("a:443")).isEmpty();
        assertThat(backoff.refusal("a:443")).isEmpty();
    }

    @Test
    void theBackoffDoublesUpToItsBoundAndOneCallerTriesWhenItEnds() {
        long[] expectedMillis = {250, 500, 1000, 2000, 4000, 8000, 8000, 8000};
        for (long wait : expectedMillis) {
            backoff.failed("a:443");
            assertThat(backoff.refusal("a:443")).isEqualTo(OptionalLong.of(wait * MS));
            now += wait * MS - 1;
            assertThat(backoff.refusal("a:443")).isEqualTo(OptionalLong.of(1));
            now += 1;
            assertThat(backoff.refusal("a:443")).isEmpty(); // this caller tries
            assertThat(backoff.refusal("a:443")).isPresent(); // the others wait for its outcome
        }
        assertThat(backoff.failures("a:443")).isEqualTo(expectedMillis.length);
        assertThat(backoff.refusal("b:443")).isEmpty(); // per hop
    }

    @Test
    void aConnectThatSucceedsClosesTheBreaker() {
        backoff.failed("a:443");
        backoff.failed("a:443");
        now += 500 * MS;
        assertThat(backoff.refusal("a:443")).isEmpty();
        backoff.succeeded("a:443");
        assertThat(backoff.refusal("a:443")).isEmpty();
        assertThat(backoff.failures("a:443")).isZero();
        backoff.failed("a:443");
        assertThat(backoff.refusal("a:443")).isEqualTo(OptionalLong.of(250 * MS)); // starts over
    }
}
