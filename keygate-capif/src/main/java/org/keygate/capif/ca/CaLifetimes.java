package org.keygate.capif.ca;

import java.time.Duration;

/**
 * How long the CCF's CA and the certificates it issues live, and when the CA is renewed.
 *
 * <ul>
 * <li>{@code ca}: the validity of a new CA certificate (default {@link #DEFAULT}: 3 years).
 * <li>{@code issued}: invoker and provider-function certificates (1 year), capped at the CA's own notAfter (RFC 5280
 *     6.1.3: a certificate never outlives its issuer).
 * <li>{@code renewBefore}: a CCF starting with less than this left on its CA rolls it over ({@link CaRollover}); 400
 *     days, more than {@code issued}, so certificates from the current CA are never shortened by the cap.
 * </ul>
 */
public record CaLifetimes(Duration ca, Duration issued, Duration renewBefore) {
    public static final CaLifetimes DEFAULT = new CaLifetimes(Duration.ofDays(3 * 365), Duration.ofDays(365),
            Duration.ofDays(400));

    public CaLifetimes {
        positive("ca", ca);
        positive("issued", issued);
        positive("renewBefore", renewBefore);
        if (issued.compareTo(ca) > 0) {
            throw new IllegalArgumentException("issued: " + issued + " (expected: at most the CA's " + ca + ")");
        }
        if (renewBefore.compareTo(ca) >= 0) {
            throw new IllegalArgumentException("renewBefore: " + renewBefore + " (expected: less than the CA's " + ca
                    + ", else every start renews)");
        }
    }

    /** One validity for both, renewal at a third of it (embedding, tests). */
    public static CaLifetimes of(Duration validity) {
        return new CaLifetimes(validity, validity, validity.dividedBy(3));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
