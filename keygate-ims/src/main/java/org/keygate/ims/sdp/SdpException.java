package org.keygate.ims.sdp;

/** An SDP body that breaks RFC 4566 / 4145 / 4567 / 4975 / 4583 or keygate's limits; the message quotes no input. */
public final class SdpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }

    public SdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
