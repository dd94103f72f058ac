package org.keygate.n32.n32c.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * TS 29.573 6.1.6.3.3 SecurityCapability: {@code TLS}, {@code PRINS}, {@code NONE}, or any string a later release
 * adds (TS 33.501 13.5 Table 13.5-1).
 */
public record SecurityCapability(String value) {
    public static final SecurityCapability TLS = new SecurityCapability("TLS");
    public static final SecurityCapability PRINS = new SecurityCapability("PRINS");
    /** Sent by a responder that shares no mechanism with the initiator; it ends the handshake (TS 33.501 13.5). */
    public static final SecurityCapability NONE = new SecurityCapability("NONE");

    public SecurityCapability {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static SecurityCapability of(String value) {
        return new SecurityCapability(value);
    }

    /** True for the mechanisms of Table 13.5-1 that keygate can run: TLS and PRINS. */
    public boolean isKnownMechanism() {
        return equals(TLS) || equals(PRINS);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
