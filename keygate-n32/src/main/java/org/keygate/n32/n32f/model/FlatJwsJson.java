package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** TS 29.573 FlatJwsJson: one Roaming Intermediary's signed modifications (flattened JWS JSON, RFC 7515 7.2.2). */
public record FlatJwsJson(String payload, @JsonProperty("protected") String protectedHeader, JsonNode header,
        String signature) {}
