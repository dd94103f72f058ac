package org.keygate.ims.mrfc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MRFC depends on, for its /healthz: the KMS (probed every {@code kmsInterval} with {@link KmsProbe}, on a
 * thread of its own so /healthz never waits on the network) and the MRFP ({@link MrfpSupervisor}'s view). A change of
 * the KMS's state is logged once.
 */
public final class MrfcHealth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MrfcHealth.class);
    private final KmsProbe kms;
    private final MrfpSupervisor mrfp;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mrfc-kms-probe");
        t.setDaemon(true);
        return t;
    });
    /** Not probed yet counts as down: /healthz must not say UP before it knows. */
    private volatile Optional<String> kmsDown = Optional.of("the KMS has not been probed yet");

    /** Probes the KMS at once, then every {@code kmsInterval}. */
    public MrfcHealth(KmsProbe kms, Duration kmsInterval, MrfpSupervisor mrfp) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.mrfp = Objects.requireNonNull(mrfp, "mrfp");
        timer.scheduleWithFixedDelay(this::probeKms, 0, kmsInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeKms() {
        try {
            Optional<String> now = kms.probe();
            if (!now.equals(kmsDown)) {
                if (now.isPresent()) {
                    LOG.warn("KMS unreachable: {}", now.get());
                } else {
                    LOG.info("KMS reachable");
                }
            }
            kmsDown = now;
        } catch (RuntimeException e) {
            kmsDown = Optional.of("KMS probe failed: " + e.getClass().getSimpleName());
        }
    }

    /** {@code kms} and {@code mrfp}, each empty when reachable, else the reason. */
    public Map<String, Optional<String>> checks() {
        Map<String, Optional<String>> checks = new LinkedHashMap<>();
        checks.put("kms", kmsDown);
        checks.put("mrfp", mrfp.down());
        return checks;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
