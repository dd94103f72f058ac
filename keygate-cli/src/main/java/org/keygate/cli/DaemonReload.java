package org.keygate.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.keygate.sbi.config.ReloadOutcome;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reload of a daemon's file (issue 18) for the daemons run from keygate-cli (the IMS daemons, docs/IMS.md
 * "Reload"; the CAPIF CCF and AEF, docs/CAPIF.md "Reload"), on SIGHUP or {@code POST /reload} of its admin listener,
 * as a SEPP's: the file is read and validated completely (the checks and messages of a start), then checked for
 * members only a restart changes, and only then applied; a refused file changes nothing, the running configuration
 * serving on. Reloads run one at a time on a thread of their own. Each outcome is logged (WARN for a refusal, naming
 * the member) and counted as {@code <counter>_total{outcome="applied"|"refused"}}, e.g.
 * {@code keygate_ims_config_reloads_total}.
 */
public final class DaemonReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonReload.class);

    /**
     * Reads, checks and applies {@code file}; returns what changed; throws the daemon's configuration exception (or
     * an {@link IllegalArgumentException}, {@link IllegalStateException}) to refuse, having changed nothing.
     */
    @FunctionalInterface
    public interface Apply {
        String apply(Path file) throws Exception;
    }

    private final String who;
    private final Path file;
    private final Apply apply;
    private final MeterRegistry meters;
    private final String counter;
    private final Class<? extends RuntimeException> refusal;
    private final ExecutorService one;

    /**
     * @param who the daemon as the log names it ({@code KMS kms.example.org}, {@code CCF})
     * @param counter the Micrometer name of the outcome counter ({@code keygate.ims.config.reloads})
     * @param refusal the daemon's configuration exception: its message names the member and the value
     */
    public DaemonReload(String who, Path file, MeterRegistry meters, String counter,
            Class<? extends RuntimeException> refusal, Apply apply) {
        this.who = who;
        this.file = file;
        this.apply = apply;
        this.meters = meters;
        this.counter = counter;
        this.refusal = refusal;
        this.one = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                .name(counter.replace('.', '-')).unstarted(r));
        // Zero counts from the start, so a dashboard shows both series before the first reload.
        meters.counter(counter, "outcome", "applied");
        meters.counter(counter, "outcome", "refused");
    }

    /** Queues a reload; the future has its outcome. */
    public CompletableFuture<ReloadOutcome> submit() {
        return CompletableFuture.supplyAsync(this::reload, one);
    }

    /** {@link #submit} answered as a SEPP's admin listener answers {@code POST /reload} ({@link #response}). */
    public CompletableFuture<SbiResponse> submitForAdmin() {
        return submit().thenApply(DaemonReload::response);
    }

    private ReloadOutcome reload() {
        ReloadOutcome outcome;
        try {
            String what = apply.apply(file);
            LOG.info("{}: configuration reloaded from {}: {}", who, file, what);
            outcome = new ReloadOutcome.Applied(what);
        } catch (Exception e) {
            if (!refusal.isInstance(e) && !(e instanceof IllegalArgumentException)
                    && !(e instanceof IllegalStateException)) {
                // Not a refusal of the file but a fault: with its stack trace, for whoever has to find it.
                LOG.warn("{}: configuration reload failed: {}", who, e.toString(), e);
                outcome = new ReloadOutcome.Refused("the reload failed: " + e);
            } else {
                LOG.warn("{}: configuration reload refused, the running configuration stays: {}", who,
                        e.getMessage());
                outcome = new ReloadOutcome.Refused(e.getMessage());
            }
        }
        meters.counter(counter, "outcome", outcome instanceof ReloadOutcome.Applied ? "applied" : "refused")
                .increment();
        return outcome;
    }

    /** As a SEPP's: 200 {@code {"outcome":"applied","detail":...}} or 400 {@code {"outcome":"refused",...}}. */
    public static SbiResponse response(ReloadOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome instanceof ReloadOutcome.Applied ? "applied" : "refused");
        body.put("detail", outcome.message());
        return SbiResponse.json(outcome instanceof ReloadOutcome.Applied ? 200 : 400, SbiJson.write(body));
    }

    @Override
    public void close() {
        one.shutdownNow();
    }
}
