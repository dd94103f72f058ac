package org.keygate.ims.bfcp;

/** A BFCP message that breaks RFC 4582 5 or a limit; the message quotes no input. */
public final class BfcpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BfcpErrorCode errorCode;

    public BfcpParseException(String reason, BfcpErrorCode errorCode) {
        super(reason);
        this.errorCode = errorCode;
    }

    public BfcpErrorCode errorCode() {
        return errorCode;
    }
}
