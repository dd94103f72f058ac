package org.keygate.sepp.n32f;

import java.util.Objects;

/**
 * An N32-f message refused for a TS 29.573 reason. The message says what failed, never what the message held and
 * never key material; no stack trace is kept (these are expected outcomes of hostile input, not bugs).
 */
public final class N32fException extends Exception {
    private static final long serialVersionUID = 1L;
    private final N32fErrorType type;

    public N32fException(N32fErrorType type, String message) {
        super(type + ": " + message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
    }

    public N32fErrorType type() {
        return type;
    }
}
