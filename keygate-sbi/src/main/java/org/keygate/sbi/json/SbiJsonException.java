package org.keygate.sbi.json;

/** JSON that could not be read or written; the message is safe to show a peer (no input echoed). */
public final class SbiJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SbiJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
