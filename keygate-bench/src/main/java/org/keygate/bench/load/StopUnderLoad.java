package org.keygate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.sbi.lab.LabProcess;

/**
 * Stop under load (issue 18, {@code ./keygate bench-load --stop}): h2load at the pair's maximum rate through the
 * visited SEPP, and a third of the way into the measured run one SEPP of the pair (the visited one, or the home one
 * in a second run) gets SIGTERM. What must hold: every request the stopping SEPP had accepted is answered (2xx, or 503
 * with a ProblemDetails), none waits past {@code shutdown.drainTimeout}, and the process exits within it.
 *
 * <p>Two views are put side by side. The SEPP's own: its log says how many requests were in progress when its
 * listeners closed and sent GOAWAY, and that all were answered (or how many the timeout cut). The clients': h2load's
 * per-request log ({@link StopOutcome}). When the visited SEPP stops, h2load's streams above the GOAWAY's last
 * stream were never accepted and end without a response (h2load does not retry them; RFC 9113 6.8 lets a client);
 * any other status than 2xx or 503 among the requests in flight is a failure. When the home SEPP stops, the visited
 * SEPP answers every request itself (the ones the home SEPP did not take with its own ProblemDetails), so a request
 * without a response is a failure.
 */
final class StopUnderLoad {
    // SeppNode.drain's two outcomes.
    private static final Pattern ANSWERED = Pattern.compile(
            "stopping: (\\d+) request\\(s\\) in progress at the stop, every one answered after (\\d+) ms");
    private static final Pattern CUT = Pattern.compile(
            "(\\d+) of (\\d+) request\\(s\\) in progress at the stop still in progress after the drain timeout");

    private StopUnderLoad() {}

    /** One run's outcome: a row of the Markdown table, and whether everything held. */
    record Row(String markdown, boolean ok) {}

    static final String HEADER = """
            | stopped | requests logged | in flight at SIGTERM | 2xx | 503 | other status | no response | abandoned \
            | SEPP: in progress at stop | SEPP: all answered after | longest wait | last in-flight answer after SIGTERM \
            | exit after SIGTERM (code) | exit after the drain | drainTimeout | holds |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    /**
     * Runs h2load ({@code load}, labelled {@code label}) and sends SIGTERM to {@code stopping} after
     * {@code warmup + duration / 3}; {@code visitedStopped}: whether it is the SEPP h2load talks to.
     */
    static Row run(H2load h2load, String label, List<String> uris, LabProcess stopping, boolean visitedStopped,
            Duration warmup, Duration duration, Duration drainTimeout) throws Exception {
        // h2load on a thread of its own: on the common pool (one thread on 2 cores) it would hold the pool for the
        // whole run, and whatever else completes there waits for it (this is how ProcessHandle.onExit() used to
        // report the SEPP's exit 8-14 s after the SIGTERM: at the end of the h2load run, not at the exit).
        java.util.concurrent.ExecutorService h2loadThread = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "h2load-" + label));
        CompletableFuture<H2load.Run> load = CompletableFuture.supplyAsync(() -> {
            try {
                return h2load.max(label, uris, warmup, duration, List.of());
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, h2loadThread);
        h2loadThread.shutdown();
        Thread.sleep(warmup.plus(duration.dividedBy(3)).toMillis());
        if (!stopping.alive()) {
            throw new IOException(stopping.name() + " exited before the SIGTERM:\n" + stopping.tail());
        }
        Instant sigtermAt = Instant.now();
        long sigtermMicros = ChronoUnit.MICROS.between(Instant.EPOCH, sigtermAt);
        long sigterm = System.nanoTime();
        stopping.terminate(); // SIGTERM
        Duration exitAfter = null; // still running at twice the drain timeout: stopping.close() kills it
        if (stopping.awaitExit(drainTimeout.multipliedBy(2))) {
            exitAfter = Duration.ofNanos(System.nanoTime() - sigterm);
        }
        H2load.Run run = load.get(warmup.plus(duration).plusMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        StopOutcome o = StopOutcome.of(LatencyLog.entries(Files.readAllLines(h2load.logOf(label))), sigtermMicros,
                run.report().errored());
        String log = Files.readString(stopping.log());
        Matcher answered = last(ANSWERED, log);
        Matcher cut = last(CUT, log);
        String inProgress = answered != null ? answered.group(1) : cut != null ? cut.group(2) : "?";
        String drained = answered != null ? answered.group(2) + " ms"
                : cut != null ? cut.group(1) + " cut at the timeout" : "?";
        boolean exitedInTime = exitAfter != null && exitAfter.compareTo(drainTimeout) <= 0;
        // The drain's end is the time of the ServerDrain line (same clock: the SEPP runs on this machine).
        Matcher outcome = answered != null ? answered : cut;
        String afterDrain = "?";
        if (exitAfter != null && outcome != null) {
            Instant drainEnd = drainLineTime(log, outcome.start());
            if (drainEnd != null) {
                afterDrain = Duration.between(drainEnd, sigtermAt.plus(exitAfter)).toMillis() + " ms";
            }
        }
        boolean ok = o.abandoned() == 0 && o.longestWait().compareTo(drainTimeout) < 0 && exitedInTime
                && answered != null && (visitedStopped ? o.answeredOther() == 0 : o.noAnswer() == 0);
        String row = String.format(Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %d | %d | %s | %s | %d ms | %d ms | %s | %s | %d s | %s |%n",
                visitedStopped ? "visited" : "home", run.report().total(), o.inFlight(), o.answered2xx(),
                o.answered503(), o.answeredOther(), o.noAnswer(), o.abandoned(),
                inProgress, drained,
                o.longestWait().toMillis(), o.latestEndAfterSigterm().toMillis(),
                exitAfter == null ? "not exited" : String.format(Locale.ROOT, "%.2f s (%d)",
                        exitAfter.toMillis() / 1000.0, stopping.exitCode()),
                afterDrain, drainTimeout.toSeconds(), ok ? "yes" : "NO");
        return new Row(row, ok);
    }

    /** The timestamp that begins the log line holding {@code offset} (keygate's ISO-8601 format), or null. */
    static Instant drainLineTime(String log, int offset) {
        int lineStart = log.lastIndexOf('\n', offset) + 1;
        int space = log.indexOf(' ', lineStart);
        try {
            return space < 0 ? null : Instant.parse(log.substring(lineStart, space));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The last match of {@code p} in the log (the SEPP's last stop), or null. */
    private static Matcher last(Pattern p, String log) {
        Matcher m = p.matcher(log);
        Matcher found = null;
        while (m.find()) {
            found = p.matcher(log);
            found.find(m.start());
        }
        return found;
    }
}
