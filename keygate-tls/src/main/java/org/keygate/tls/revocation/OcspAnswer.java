package org.keygate.tls.revocation;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A verified OCSP answer about one certificate (RFC 6960 4.2.1 SingleResponse, certStatus), with the window in which
 * it is current (thisUpdate to nextUpdate) and the responder that gave it.
 */
sealed interface OcspAnswer {
    URI responder();

    Instant thisUpdate();

    /** Empty when the responder gave none (RFC 6960 4.2.2.1: newer information is always available). */
    Optional<Instant> nextUpdate();

    /** certStatus good: not revoked, as far as this responder knows. */
    record Good(URI responder, Instant thisUpdate, Optional<Instant> nextUpdate) implements OcspAnswer {}

    /** certStatus revoked (RFC 6960 2.2), with the revocation time and reason (RFC 5280 5.3.1) when given. */
    record Revoked(URI responder, Instant thisUpdate, Optional<Instant> nextUpdate, Instant revocationTime,
            String reason) implements OcspAnswer {}

    /** certStatus unknown: the responder knows nothing of this certificate (RFC 6960 2.2). */
    record Unknown(URI responder, Instant thisUpdate, Optional<Instant> nextUpdate) implements OcspAnswer {}
}
