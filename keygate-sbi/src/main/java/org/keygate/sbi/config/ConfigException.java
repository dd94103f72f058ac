package org.keygate.sbi.config;

/**
 * A configuration value that cannot be used, named by its path in the YAML file:
 * {@code peers[0].n32c: 127.0.0.1 (expected: host:port)}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String field, Object value, String expected) {
        super(field + ": " + value + " (expected: " + expected + ")");
    }

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
