package org.keygate.sbi.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** First occurrences, then a count per interval, per key; on a clock the test moves. */
class LogThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private final Logger logger = (Logger) LoggerFactory.getLogger("keygate.test.throttle");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private long now = 5 * SECOND;
    private final LogThrottle throttle = new LogThrottle(logger, 3, Duration.ofSeconds(10), () -> now);

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private java.util.List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFloodIsTheFirstLinesThenACountPerInterval() {
        for (int i = 0; i < 1000; i++) {
            throttle.info("FORBIDDEN", "request {} refused", i);
        }
        assertThat(messages()).containsExactly("request 0 refused", "request 1 refused", "request 2 refused");

        now += 10 * SECOND;
        throttle.info("FORBIDDEN", "request {} refused", 1000);
        assertThat(messages()).hasSize(5).endsWith(
                "997 more like this (FORBIDDEN) were not logged in the last 10 s", "request 1000 refused");
    }

    @Test
    void keysAreCountedApartAndLevelsKept() {
        for (int i = 0; i < 10; i++) {
            throttle.info("A", "a {}", i);
            throttle.warn("B", "b {}", i);
        }
        assertThat(messages()).containsExactly("a 0", "b 0", "a 1", "b 1", "a 2", "b 2");
        assertThat(lines.list.get(1).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        now += 9 * SECOND;
        throttle.info("A", "a {}", 10);
        assertThat(messages()).hasSize(6); // still the same interval
    }

    @Test
    void peerChosenKeysCannotGrowItWithoutBound() {
        for (int i = 0; i < LogThrottle.MAX_KEYS + 500; i++) {
            throttle.info("key" + i, "line {}", i);
        }
        // The first MAX_KEYS keys each wrote their line; the rest share one window of three lines.
        assertThat(messages()).hasSize(LogThrottle.MAX_KEYS + 3);
    }
}
