package org.keygate.sepp.context;

/**
 * A new N32-f context that {@link ContextAdmission} kept out: the N32-c handshake that made it fails with this
 * message (the responder answers 503, the initiator retries by its handshake retry policy).
 */
public final class ContextRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContextRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
