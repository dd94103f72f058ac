package org.keygate.sbi.server;

import java.time.Duration;
import java.util.List;

/**
 * The draining stop every keygate daemon runs on SIGTERM (issue 18): each listener stops accepting and sends its
 * HTTP/2 clients a GOAWAY ({@link SbiServer#beginDrain}), then the requests they had accepted are answered, all
 * listeners together for at most {@code timeout} ({@link SbiServer#awaitDrained}). Closing the listeners, and the
 * outbound side their requests need, is the caller's next step. The outcome is logged, naming {@code who}: INFO
 * with the count in progress at the stop when every one was answered, WARN with how many the timeout cut.
 */
public final class ServerDrain {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerDrain.class);

    private ServerDrain() {}

    /** What a drain found: requests in progress when it began, those still in progress at its end. */
    public record Outcome(int inProgressAtStart, int leftAtTimeout, Duration took) {}

    public static Outcome drain(String who, List<SbiServer> servers, Duration timeout) {
        long start = System.nanoTime();
        // counted before the listeners close and the GOAWAYs go out, which takes a while: counted after, a request
        // answered meanwhile was missing from the figure (KmsDrainOnStopTest once saw 0 in CI); one accepted in
        // between is not counted but still awaited below
        int atStart = servers.stream().mapToInt(SbiServer::requestsInFlight).sum();
        servers.forEach(SbiServer::beginDrain);
        long deadline = start + timeout.toNanos();
        int left = 0;
        for (SbiServer s : servers) {
            if (!s.awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                left += s.requestsInFlight();
            }
        }
        Outcome o = new Outcome(atStart, left, Duration.ofNanos(System.nanoTime() - start));
        if (left > 0) {
            LOG.warn("{}: {} of {} request(s) in progress at the stop still in progress after the drain timeout ({}); "
                    + "closing", who, left, atStart, timeout);
        } else {
            LOG.info("{}: stopping: {} request(s) in progress at the stop, every one answered after {} ms", who,
                    atStart, o.took().toMillis());
        }
        return o;
    }
}
