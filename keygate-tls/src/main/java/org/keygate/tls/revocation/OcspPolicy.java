package org.keygate.tls.revocation;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the certificates under one trust anchor are asked about over OCSP (RFC 6960), beside or instead of its CRLs.
 *
 * @param responder the responder to ask for every certificate of the anchor; empty: the http OCSP URL of each
 *     certificate's Authority Information Access (RFC 5280 4.2.2.1, id-ad-ocsp)
 * @param timeout how long one request may take, connection and answer together
 * @param nonce send a nonce (RFC 6960 4.4.1, RFC 8954) and refuse an answer without the same one; off for responders
 *     that serve pre-produced answers (RFC 5019), whose freshness then rests on thisUpdate/nextUpdate alone
 * @param cacheSize how many certificates' answers are kept; the least recently used one goes first
 */
public record OcspPolicy(Optional<URI> responder, Duration timeout, boolean nonce, int cacheSize) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** A handshake never waits for OCSP (answers are fetched in the background): this bounds the fetch only. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    /** Partners present one leaf (and a few CAs) each; a thousand covers a large roaming hub's partners under one CA. */
    public static final int DEFAULT_CACHE_SIZE = 1000;
    public static final int MAX_CACHE_SIZE = 100_000;

    public OcspPolicy {
        Objects.requireNonNull(responder, "responder");
        responder.ifPresent(uri -> new CrlSource.Http(uri)); // the same rule as CRL URLs: http with a host
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: 100ms to 60s)");
        }
        if (cacheSize < 1 || cacheSize > MAX_CACHE_SIZE) {
            throw new IllegalArgumentException("cacheSize: " + cacheSize + " (expected: 1 to " + MAX_CACHE_SIZE + ")");
        }
    }

    /** The responders of the certificates' AIA, 5 s, a nonce, 1000 certificates. */
    public static OcspPolicy defaults() {
        return new OcspPolicy(Optional.empty(), DEFAULT_TIMEOUT, true, DEFAULT_CACHE_SIZE);
    }
}
