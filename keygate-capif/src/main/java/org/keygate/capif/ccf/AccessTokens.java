package org.keygate.capif.ccf;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * OAuth 2.0 access tokens for CAPIF-2e method 3 (TS 33.122 6.5.2.3, TS 29.222 8.5.4.2.7 AccessTokenClaims): a JWS
 * (ES256) signed with the CCF's own key, its certificate chain in {@code x5c} (RFC 7515 4.1.6), so an AEF that
 * trusts the CCF's CA verifies it without another key. Claims: iss (the CCF's ID), sub (the API invoker ID), scope
 * ({@code 3gpp#aefId:apiName}), exp.
 */
final class AccessTokens {
    /** Tokens live ten minutes: long enough for a session of calls, short enough that revocation catches up. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String ISSUER = "ccf";
    private final TlsKeyMaterial identity;
    private final Clock clock;

    AccessTokens(TlsKeyMaterial identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    String issue(String invokerId, String scope) {
        try {
            List<Base64> chain = new ArrayList<>();
            for (X509Certificate c : identity.chain()) {
                chain.add(Base64.encode(c.getEncoded()));
            }
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(chain).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(invokerId).claim("scope", scope)
                    .expirationTime(Date.from(clock.instant().plus(LIFETIME))).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner((ECPrivateKey) identity.key()));
            return jwt.serialize();
        } catch (JOSEException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot sign an access token: " + e.getClass().getSimpleName(), e);
        }
    }
}
