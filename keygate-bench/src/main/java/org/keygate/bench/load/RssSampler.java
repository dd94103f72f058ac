package org.keygate.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.lab.LabProcess;

/** Samples each node's VmRSS every 200 ms while a load runs and keeps the largest value seen per node. */
final class RssSampler implements AutoCloseable {
    private final Map<LabProcess, Long> peakKib = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    RssSampler(List<LabProcess> nodes) {
        nodes.forEach(n -> peakKib.put(n, 0L));
        timer.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        peakKib.replaceAll((n, peak) -> Math.max(peak, ProcStatus.rssKib(n).orElse(0)));
    }

    /** The largest VmRSS sampled so far, in KiB. */
    synchronized long peakKib(LabProcess node) {
        return peakKib.getOrDefault(node, 0L);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sample();
    }
}
