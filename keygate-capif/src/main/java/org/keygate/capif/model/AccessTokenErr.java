package org.keygate.capif.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** TS 29.222 8.5.4.2.8 AccessTokenErr (RFC 6749 5.2). */
public record AccessTokenErr(String error, @JsonProperty("error_description") String errorDescription) {}
