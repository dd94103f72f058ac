package org.keygate.capif.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** TS 29.222 8.9.5.3.3 ApiProviderFuncRole: AEF, APF, AMF; extensible. */
public record ApiProviderFuncRole(String value) {
    public static final ApiProviderFuncRole AEF = new ApiProviderFuncRole("AEF");
    public static final ApiProviderFuncRole APF = new ApiProviderFuncRole("APF");
    public static final ApiProviderFuncRole AMF = new ApiProviderFuncRole("AMF");

    public ApiProviderFuncRole {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static ApiProviderFuncRole of(String value) {
        return new ApiProviderFuncRole(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
