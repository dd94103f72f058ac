package org.keygate.n32.n32f;

import java.util.Objects;

/**
 * An N32-f message refused for a TS 29.573 reason. The message says what failed, never what the message held and
 * never key material; no stack trace is kept (these are expected outcomes of hostile input, not bugs).
 */
public final class N32fException extends Exception {
    private static final long serialVersionUID = 1L;
    private final N32fErrorType type;
    private final String failureReason;

    public N32fException(N32fErrorType type, String message) {
        this(type, null, message);
    }

    /**
     * @param failureReason TS 29.573 FailureReason for MESSAGE_RECONSTRUCTION_FAILED (INVALID_JSON_POINTER,
     *     INVALID_INDEX_TO_ENCRYPTED_BLOCK, INVALID_HTTP_HEADER), else null
     */
    public N32fException(N32fErrorType type, String failureReason, String message) {
        super(type + (failureReason == null ? "" : " (" + failureReason + ")") + ": " + message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.failureReason = failureReason;
    }

    public N32fErrorType type() {
        return type;
    }

    /** The TS 29.573 FailureReason, or null. */
    public String failureReason() {
        return failureReason;
    }
}
