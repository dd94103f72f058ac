package org.keygate.capif.config;

/** A configuration the operator must fix; the message names the file, the member and what was expected. */
public final class CapifConfigException extends RuntimeException {
    public CapifConfigException(String message) {
        super(message);
    }
}
