package org.keygate.cli.ims;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.keygate.ims.config.ImsConfigException;
import org.keygate.sbi.config.ReloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reload of an IMS daemon's file (issue 18, docs/IMS.md "Reload"), on SIGHUP or {@code POST /reload} of its admin
 * listener, as a SEPP's: the file is read and validated completely (the checks and messages of a start), then checked
 * for members only a restart changes, and only then applied; a refused file changes nothing, the running
 * configuration serving on. Reloads run one at a time on a thread of their own. Each outcome is logged (WARN for a
 * refusal, naming the member) and counted as {@code keygate_ims_config_reloads_total{outcome="applied"|"refused"}}.
 */
final class ImsReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImsReload.class);

    /** Reads, checks and applies {@code file}; returns what changed; throws {@link ImsConfigException} to refuse. */
    @FunctionalInterface
    interface Apply {
        String apply(Path file);
    }

    private final String who;
    private final Path file;
    private final Apply apply;
    private final MeterRegistry meters;
    private final ExecutorService one = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("ims-reload").unstarted(r));

    ImsReload(String who, Path file, MeterRegistry meters, Apply apply) {
        this.who = who;
        this.file = file;
        this.apply = apply;
        this.meters = meters;
        meters.counter("keygate.ims.config.reloads", "outcome", "applied");
        meters.counter("keygate.ims.config.reloads", "outcome", "refused");
    }

    /** Queues a reload; the future has its outcome. */
    CompletableFuture<ReloadOutcome> submit() {
        return CompletableFuture.supplyAsync(this::reload, one);
    }

    private ReloadOutcome reload() {
        ReloadOutcome outcome;
        try {
            String what = apply.apply(file);
            LOG.info("{}: configuration reloaded from {}: {}", who, file, what);
            outcome = new ReloadOutcome.Applied(what);
        } catch (ImsConfigException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("{}: configuration reload refused, the running configuration stays: {}", who, e.getMessage());
            outcome = new ReloadOutcome.Refused(e.getMessage());
        }
        meters.counter("keygate.ims.config.reloads", "outcome",
                outcome instanceof ReloadOutcome.Applied ? "applied" : "refused").increment();
        return outcome;
    }

    @Override
    public void close() {
        one.shutdownNow();
    }
}
