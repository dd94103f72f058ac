package org.keygate.capif.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * TS 29.222 8.2.4.3.2 SecurityMethod: PSK (TS 33.122 Method 1, TLS-PSK), PKI (Method 2, certificate TLS), OAUTH
 * (Method 3, TLS with an OAuth 2.0 token). Extensible: other values are kept as they are and never selected.
 */
public record SecurityMethod(String value) {
    public static final SecurityMethod PSK = new SecurityMethod("PSK");
    public static final SecurityMethod PKI = new SecurityMethod("PKI");
    public static final SecurityMethod OAUTH = new SecurityMethod("OAUTH");

    public SecurityMethod {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static SecurityMethod of(String value) {
        return new SecurityMethod(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** One of the three methods of TS 33.122 5.2.2. */
    public boolean known() {
        return equals(PSK) || equals(PKI) || equals(OAUTH);
    }
}
