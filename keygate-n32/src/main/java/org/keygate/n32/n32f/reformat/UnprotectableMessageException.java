package org.keygate.n32.n32f.reformat;

/**
 * An NF's message the sending SEPP refuses to protect, e.g. JSON that already contains {@code encBlockIndex}
 * (TS 33.501 5.9.3.2). The message names the rule, not the content.
 */
public final class UnprotectableMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnprotectableMessageException(String message) {
        super(message, null, false, false);
    }
}
