package org.keygate.capif.config;

import java.nio.file.Path;
import java.time.Duration;
import org.keygate.sbi.config.DurationText;

/**
 * The {@code shutdown} member of the CCF's and the AEF's files: how long a stop (SIGTERM) waits for the requests its
 * listeners had accepted, after closing them and sending GOAWAY (issue 18; as a SEPP's {@code shutdown.drainTimeout},
 * docs/OPERATIONS.md). At most {@link #MAX_DRAIN_TIMEOUT}: a stop an init system waits on must end.
 */
final class Shutdown {
    /** As the SEPP's default (SeppConfig): well above a CAPIF request's time, below systemd's 90 s stop timeout. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);
    static final Duration MAX_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private Shutdown() {}

    /** The file as written. */
    record Raw(String drainTimeout) {}

    static Duration drainTimeout(Path file, Raw raw) {
        if (raw == null || raw.drainTimeout() == null) {
            return DEFAULT_DRAIN_TIMEOUT;
        }
        Duration d;
        try {
            d = DurationText.parse("shutdown.drainTimeout", raw.drainTimeout());
        } catch (org.keygate.sbi.config.ConfigException e) {
            throw new CapifConfigException(file + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_DRAIN_TIMEOUT) > 0) {
            throw new CapifConfigException(file + ": shutdown.drainTimeout: " + raw.drainTimeout()
                    + " (expected: a duration > 0 and at most " + MAX_DRAIN_TIMEOUT.toMinutes() + "m)");
        }
        return d;
    }
}
