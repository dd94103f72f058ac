package org.keygate.sepp.n32c.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The last failed N32-c handshake attempt with a partner, for the operator's status view: when, and the error as
 * the log showed it (exceptions never carry key material).
 */
public record HandshakeFailure(Instant at, int attempt, String reason) {
    public HandshakeFailure {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }

    static HandshakeFailure of(Instant at, int attempt, Throwable cause) {
        String message = cause.getMessage();
        return new HandshakeFailure(at, attempt, cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message));
    }
}
