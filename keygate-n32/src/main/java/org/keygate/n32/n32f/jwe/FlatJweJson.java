package org.keygate.n32.n32f.jwe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * TS 29.573 6.2.6.2.x FlatJweJson: a JWE in flattened JSON serialization (RFC 7516 7.2.2), the
 * {@code reformattedData} of N32fReformattedReqMsg / N32fReformattedRspMsg. Members are base64url strings as sent.
 */
public record FlatJweJson(
        @JsonProperty("protected") String protectedHeader,
        JsonNode unprotected,
        JsonNode header,
        @JsonProperty("encrypted_key") String encryptedKey,
        String aad,
        String iv,
        String ciphertext,
        String tag) {

    /** What keygate sends: protected header, aad, iv, ciphertext, tag; no per-recipient parts ("dir"). */
    public static FlatJweJson of(String protectedHeader, String aad, String iv, String ciphertext, String tag) {
        return new FlatJweJson(protectedHeader, null, null, null, aad, iv, ciphertext, tag);
    }
}
