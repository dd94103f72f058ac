package org.keygate.ims.config;

/** A configuration the operator must fix; the message names the file, the member and what was expected. */
public final class ImsConfigException extends RuntimeException {
    public ImsConfigException(String message) {
        super(message);
    }
}
