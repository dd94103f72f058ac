package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keygate.capif.client.CapifCallException;
import org.keygate.tls.bc.TlsVersion;

/**
 * Issue 20, "the AEF with the CCF stopped for 10 s and started again" (shortened): the CCF stops for
 * {@link #OUTAGE_MILLIS} while an invoker keeps handshaking with the AEF; every handshake meanwhile fails with the
 * AEF's alert (unknown_psk_identity in TLS 1.2, internal_error in TLS 1.3); a CCF started again on the same port and
 * stateDir serves the AEF's lookups within 5 s (the bound; the AEF's reconnection backoff is at most 2 s), for
 * the AEFPSK the invoker held before the outage (it does not request security again), the same AEF, not restarted. Over {@link #CYCLES} outages, the test
 * JVM's platform threads and open file descriptors do not grow: the AEF's reconnections leak neither.
 */
class CcfOutageTest {
    private static final int CYCLES = 3;
    private static final long OUTAGE_MILLIS = 3000;
    private static final long RETURN_BOUND_MILLIS = 5000;
    /** Room for threads and descriptors that come and go on their own (JDK timers, logging, the lab's invoker). */
    private static final int SLACK = 3;

    @Test
    void handshakesFailWithAClearAlertWhileTheCcfIsDownAndSucceedSoonAfterItsReturn() throws Exception {
        try (AefOnCcf lab = new AefOnCcf(ccf -> ccf)) {
            assertThat(lab.handshake(TlsVersion.TLS_1_2)).isEqualTo(200);
            long[] baseline = null;
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                lab.stopCcf();
                long end = System.nanoTime() + OUTAGE_MILLIS * 1_000_000;
                int refused = 0;
                while (System.nanoTime() < end) {
                    // RFC 4279 2 in TLS 1.2; in TLS 1.3 internal_error, not the AEF's certificate (PskLookup)
                    TlsVersion v = refused % 2 == 0 ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3;
                    assertThatThrownBy(() -> lab.handshake(v)).isInstanceOf(CapifCallException.class)
                            .hasMessageContaining(v == TlsVersion.TLS_1_2 ? "received fatal alert unknown_psk_identity"
                                    : "received fatal alert internal_error");
                    refused++;
                }
                assertThat(refused).as("handshakes tried during the outage").isPositive();

                lab.restartCcf();
                long restarted = System.nanoTime();
                // The invoker does not ask again: the CCF restarted on its stateDir holds the AEFPSK from before.
                int status = 0;
                while (status != 200 && System.nanoTime() - restarted < RETURN_BOUND_MILLIS * 1_000_000) {
                    try {
                        status = lab.handshake(TlsVersion.TLS_1_3);
                    } catch (CapifCallException e) {
                        Thread.sleep(50);
                    }
                }
                long back = (System.nanoTime() - restarted) / 1_000_000;
                System.out.printf("CcfOutageTest: cycle %d, %d handshakes refused during the outage, served again %d ms"
                        + " after the CCF's restart; %d threads, %d fds%n", cycle, refused, back, threads(), fds());
                assertThat(status).as("a handshake within 5 s of the CCF's return, same AEF").isEqualTo(200);
                for (int i = 0; i < 5; i++) {
                    assertThat(lab.handshake(i % 2 == 0 ? TlsVersion.TLS_1_2 : TlsVersion.TLS_1_3)).isEqualTo(200);
                }
                if (cycle == 0) {
                    baseline = settled(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
                }
            }
            long[] last = settled(baseline);
            assertThat(last[0]).as("platform threads after %d outages (after the first: %d)", CYCLES, baseline[0])
                    .isLessThanOrEqualTo(baseline[0] + SLACK);
            assertThat(last[1]).as("open file descriptors after %d outages (after the first: %d)", CYCLES, baseline[1])
                    .isLessThanOrEqualTo(baseline[1] + SLACK);
        }
    }

    /**
     * Threads and descriptors, once they are no more than {@code bound} + {@link #SLACK} (closed event loops end a
     * little after their close returns), or after 5 s.
     */
    private static long[] settled(long[] bound) throws Exception {
        long[] now = {threads(), fds()};
        for (int polls = 0; polls < 100 && (now[0] > bound[0] + SLACK || now[1] > bound[1] + SLACK); polls++) {
            Thread.sleep(50);
            now = new long[] {threads(), fds()};
        }
        return now;
    }

    /** Live platform threads, without the common fork-join pool's workers (their number follows the load). */
    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("ForkJoinPool.commonPool")).count();
    }

    private static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
