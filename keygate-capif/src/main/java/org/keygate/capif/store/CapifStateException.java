package org.keygate.capif.store;

/**
 * A file of the CCF's state directory that it cannot use (corrupt, foreign, readable by others, unwritable). The
 * message names the file and what is wrong with it, and never quotes its content (it may hold key material).
 */
public final class CapifStateException extends RuntimeException {
    public CapifStateException(String message) {
        super(message);
    }
}
