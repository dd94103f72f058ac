package org.keygate.sbi.multipart;

/** A multipart body that does not parse; the message names the rule broken, not the content. */
public final class MultipartException extends Exception {
    private static final long serialVersionUID = 1L;

    public MultipartException(String message) {
        super(message, null, false, false);
    }
}
