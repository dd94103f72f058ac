package org.keygate.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * What the clients saw of a SEPP stopped by SIGTERM during an h2load run (issue 18, "stop under load"), from h2load's
 * per-request log and summary: the requests in flight at the SIGTERM (started before it, ended after it) and how they
 * ended, the longest wait of any request, and the requests h2load gave up without logging them (streams still open
 * when a connection closed: h2load counts them as errored, its log has no line for them). The times of a line without
 * a response are not used: for a stream h2load never sent, its duration runs from the steady clock's origin (the
 * machine's uptime), seen in the first runs.
 *
 * @param inFlight requests started before the SIGTERM and ended after it
 * @param answered2xx of those, answered 2xx
 * @param answered503 of those, answered 503 (the SEPP's or its partner's ProblemDetails)
 * @param answeredOther of those, answered with another status
 * @param noAnswer of those, ended without a response (h2load's status -1: refused above the GOAWAY's last stream, or
 *     reset)
 * @param abandoned streams h2load counted as errored without a log line (open when their connection closed)
 * @param longestWait the longest any answered request took
 * @param latestEndAfterSigterm how long after the SIGTERM the last in-flight request was answered
 */
record StopOutcome(long inFlight, long answered2xx, long answered503, long answeredOther, long noAnswer,
        long abandoned, Duration longestWait, Duration latestEndAfterSigterm) {

    /** {@code errored}: h2load's summary count, which includes the logged status -1 lines. */
    static StopOutcome of(List<LatencyLog.Entry> log, long sigtermMicros, long errored) {
        List<LatencyLog.Entry> across = log.stream()
                .filter(e -> e.startMicros() <= sigtermMicros && e.endMicros() >= sigtermMicros).toList();
        long ok = across.stream().filter(LatencyLog.Entry::is2xx).count();
        long unavailable = across.stream().filter(e -> e.status() == 503).count();
        long none = across.stream().filter(e -> e.status() < 0).count();
        long loggedErrors = log.stream().filter(e -> e.status() < 0).count();
        long longest = log.stream().filter(e -> e.status() >= 0).mapToLong(LatencyLog.Entry::durationMicros).max()
                .orElse(0);
        long latest = across.stream().filter(e -> e.status() >= 0).mapToLong(e -> e.endMicros() - sigtermMicros)
                .max().orElse(0);
        return new StopOutcome(across.size(), ok, unavailable, across.size() - ok - unavailable - none, none,
                Math.max(0, errored - loggedErrors), Duration.ofNanos(longest * 1000), Duration.ofNanos(latest * 1000));
    }
}
