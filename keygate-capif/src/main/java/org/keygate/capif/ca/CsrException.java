package org.keygate.capif.ca;

/** A CSR that cannot be accepted; the message says why without echoing the CSR. */
public final class CsrException extends Exception {
    public CsrException(String message) {
        super(message);
    }

    public CsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
