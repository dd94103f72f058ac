package org.keygate.capif.aef;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keygate.capif.client.CcfConnection;
import org.keygate.capif.model.InvocationLog;
import org.keygate.capif.model.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AEF's Log_API_Invocation (TS 29.222 5.8.2.2, TS 23.222 8.7): every CAPIF-2e invocation of the northbound API
 * whose invoker is known (PSK identity, certificate or token), answered or refused, is queued and sent to the CCF in
 * batches, one {@code POST /api-invocation-logs/v1/{aefId}/logs} per invoker and at most
 * {@link #MAX_LOGS_PER_REQUEST} entries, every {@link #FLUSH_PERIOD} over the AEF's kept CAPIF-3 connection, so an
 * invocation never waits for its log. At most {@link #MAX_PENDING} entries wait; more are dropped and counted. A batch
 * the CCF refuses or cannot take is not retried (logged at WARN, counted {@code failed}).
 */
final class InvocationLogger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationLogger.class);
    static final Duration FLUSH_PERIOD = Duration.ofSeconds(1);
    /** The CCF's bound (LoggingService.MAX_LOGS_PER_REQUEST). */
    static final int MAX_LOGS_PER_REQUEST = 100;
    /** A CCF away for a while costs at most this many entries of memory. */
    static final int MAX_PENDING = 10_000;
    private final CcfConnection ccf;
    private final String aefId;
    private final Counter logged;
    private final Counter failed;
    private final Counter dropped;
    /** Guarded by itself: invoker ID to its entries not yet sent, in arrival order. */
    private final Map<String, List<Log>> pending = new LinkedHashMap<>();
    private int pendingCount;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("aef-invocation-log").factory());

    InvocationLogger(CcfConnection ccf, String aefId, MeterRegistry meters) {
        this.ccf = ccf;
        this.aefId = aefId;
        this.logged = counter(meters, "logged");
        this.failed = counter(meters, "failed");
        this.dropped = counter(meters, "dropped");
        timer.scheduleWithFixedDelay(this::flush, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("keygate_capif_aef_invocation_logs").tag("outcome", outcome)
                .description("CAPIF-2e invocation log entries the AEF sent to the CCF (logged), lost (failed), or"
                        + " dropped because too many waited")
                .register(meters);
    }

    void record(String invokerId, Log log) {
        synchronized (pending) {
            if (pendingCount >= MAX_PENDING) {
                dropped.increment();
                return;
            }
            pending.computeIfAbsent(invokerId, k -> new ArrayList<>()).add(log);
            pendingCount++;
        }
    }

    /** Sends what waits; completes when the CCF answered every batch (or the call failed). */
    CompletableFuture<Void> flush() {
        Map<String, List<Log>> batch;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
            pendingCount = 0;
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        batch.forEach((invoker, logs) -> {
            for (int i = 0; i < logs.size(); i += MAX_LOGS_PER_REQUEST) {
                calls.add(send(invoker, logs.subList(i, Math.min(logs.size(), i + MAX_LOGS_PER_REQUEST))));
            }
        });
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(String invoker, List<Log> logs) {
        return ccf.call("log invocations", "POST", "/api-invocation-logs/v1/" + aefId + "/logs",
                new InvocationLog(aefId, invoker, logs, "0")).handle((r, failure) -> {
                    if (failure == null && r.status() == 201) {
                        logged.increment(logs.size());
                    } else {
                        failed.increment(logs.size());
                        LOG.warn("{} invocation log entries of {} not stored at the CCF: {}", logs.size(), invoker,
                                failure != null ? failure.getMessage()
                                        : CcfConnection.refusal("log invocations", r).getMessage());
                    }
                    return null;
                });
    }

    /** Stops the timer; what waits is sent once more first. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            flush().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("last invocation log flush incomplete: {}", e.toString());
        }
    }
}
