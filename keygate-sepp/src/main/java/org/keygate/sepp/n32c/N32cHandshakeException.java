package org.keygate.sepp.n32c;

/** The initiator's handshake failed: the peer's answer was refused or could not be obtained. No key material. */
public final class N32cHandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public N32cHandshakeException(String message) {
        super(message);
    }

    public N32cHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
