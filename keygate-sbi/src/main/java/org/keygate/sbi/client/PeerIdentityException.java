package org.keygate.sbi.client;

/** A server proved an identity other than the partner dialled: the connection is closed, nothing was sent. */
public final class PeerIdentityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerIdentityException(String message) {
        super(message);
    }
}
