package org.keygate.tls.revocation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How certificates under one trust anchor are checked for revocation.
 *
 * @param crls where the CRLs of the anchor (and of CAs under it) come from; may be empty when {@code
 *     distributionPoints} is set
 * @param distributionPoints also fetch the http CRL Distribution Points (RFC 5280 4.2.1.13) of the certificates seen
 * @param refreshInterval the longest time between two fetches; a CRL (or an OCSP answer) is fetched earlier when its
 *     nextUpdate is nearer
 * @param ocsp also ask an OCSP responder (RFC 6960); when both are configured, a certificate is refused when either
 *     says it is revoked, and its status is known when either has a current answer ({@link CrlRevocation})
 */
public record RevocationPolicy(List<CrlSource> crls, boolean distributionPoints, OnStaleRevocation onStale,
        Duration refreshInterval, Optional<OcspPolicy> ocsp) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);

    public RevocationPolicy {
        crls = List.copyOf(crls);
        Objects.requireNonNull(onStale, "onStale");
        Objects.requireNonNull(ocsp, "ocsp");
        if (crls.isEmpty() && !distributionPoints && ocsp.isEmpty()) {
            throw new IllegalArgumentException(
                    "crls: [] (expected: a CRL file or http URL, distributionPoints, or ocsp)");
        }
        if (refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refreshInterval: " + refreshInterval + " (expected: at least 1s)");
        }
    }

    /** CRLs only, no OCSP. */
    public RevocationPolicy(List<CrlSource> crls, boolean distributionPoints, OnStaleRevocation onStale,
            Duration refreshInterval) {
        this(crls, distributionPoints, onStale, refreshInterval, Optional.empty());
    }

    /** Whether CRLs are consulted at all (OCSP alone otherwise). */
    public boolean usesCrls() {
        return !crls.isEmpty() || distributionPoints;
    }
}
