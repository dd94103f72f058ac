package org.keygate.tls.revocation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How certificates under one trust anchor are checked for revocation.
 *
 * @param crls where the CRLs of the anchor (and of CAs under it) come from; may be empty when {@code
 *     distributionPoints} is set
 * @param distributionPoints also fetch the http CRL Distribution Points (RFC 5280 4.2.1.13) of the certificates seen
 * @param refreshInterval the longest time between two fetches; a CRL is fetched earlier when its nextUpdate is nearer
 */
public record RevocationPolicy(
        List<CrlSource> crls, boolean distributionPoints, OnStaleRevocation onStale, Duration refreshInterval) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);

    public RevocationPolicy {
        crls = List.copyOf(crls);
        Objects.requireNonNull(onStale, "onStale");
        if (crls.isEmpty() && !distributionPoints) {
            throw new IllegalArgumentException("crls: [] (expected: a CRL file or http URL, or distributionPoints)");
        }
        if (refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refreshInterval: " + refreshInterval + " (expected: at least 1s)");
        }
    }
}
