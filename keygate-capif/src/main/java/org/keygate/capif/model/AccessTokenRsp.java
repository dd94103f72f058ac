package org.keygate.capif.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** TS 29.222 8.5.4.2.6 AccessTokenRsp; the token is a JWS (AccessTokenClaims). Never printed. */
public record AccessTokenRsp(@JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") Integer expiresIn, String scope) {
    @Override
    public String toString() {
        return "AccessTokenRsp[" + tokenType + ", expires_in=" + expiresIn + ", scope=" + scope + "]";
    }
}
