package org.keygate.capif.config;

import java.nio.file.Path;
import java.time.Duration;
import org.keygate.capif.ca.CaLifetimes;

/**
 * The {@code ca} member of the CCF's file: {@code validityDays} of a new CA, {@code certificateValidityDays} of the
 * certificates it issues (capped at the CA's notAfter), {@code renewBeforeDays}: a CCF starting with less left on its
 * CA rolls it over (docs/CAPIF.md). Absent members take {@link CaLifetimes#DEFAULT}'s.
 */
final class CaLifetimesMember {
    private CaLifetimesMember() {}

    /** The file as written. */
    record Raw(Integer validityDays, Integer certificateValidityDays, Integer renewBeforeDays) {}

    static CaLifetimes of(Path file, Raw raw) {
        if (raw == null) {
            return CaLifetimes.DEFAULT;
        }
        CaLifetimes d = CaLifetimes.DEFAULT;
        Duration ca = days(file, "ca.validityDays", raw.validityDays(), d.ca());
        Duration issued = days(file, "ca.certificateValidityDays", raw.certificateValidityDays(), d.issued());
        Duration renew = days(file, "ca.renewBeforeDays", raw.renewBeforeDays(), d.renewBefore());
        if (issued.compareTo(ca) > 0) {
            throw new CapifConfigException(file + ": ca.certificateValidityDays: " + issued.toDays()
                    + " (expected: at most ca.validityDays, " + ca.toDays() + ")");
        }
        if (renew.compareTo(ca) >= 0) {
            throw new CapifConfigException(file + ": ca.renewBeforeDays: " + renew.toDays()
                    + " (expected: less than ca.validityDays, " + ca.toDays() + ", else every start renews)");
        }
        return new CaLifetimes(ca, issued, renew);
    }

    private static Duration days(Path file, String member, Integer value, Duration dflt) {
        if (value == null) {
            return dflt;
        }
        if (value < 1 || value > 20 * 366) {
            throw new CapifConfigException(file + ": " + member + ": " + value + " (expected: 1..7320 days)");
        }
        return Duration.ofDays(value);
    }
}
