package org.keygate.sbi.config;

import java.util.List;

/**
 * A {@code revocation} block as written (a SEPP's {@code peers[].revocation} and {@code peers[].ipx.revocation}, an IPX
 * node's {@code sepps[].revocation} and {@code sepps[].n32f.via.revocation}): the CRLs of one trust anchor
 * (docs/OPERATIONS.md "Revocation"). Read by {@link RevocationReader}.
 */
public record RawRevocation(List<String> crls, Boolean distributionPoints, String onStaleRevocation,
        String refreshInterval, Ocsp ocsp) {

    /** {@code revocation.ocsp}: RFC 6960 responder, request timeout, nonce, cache size. */
    public record Ocsp(String responder, String timeout, Boolean nonce, Integer cacheSize) {}
}
