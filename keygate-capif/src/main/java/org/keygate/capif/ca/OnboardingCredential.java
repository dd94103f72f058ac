package org.keygate.capif.ca;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The onboarding credential of TS 29.222 5.5.2.2 (NOTE 4) and TS 33.122 6.1: issued by the API provider domain's
 * operator to an API invoker out of band, presented as {@code Authorization: Bearer} when onboarding. keygate's is a
 * JWS (ES256, RFC 7515) signed with the CCF's CA key, explicitly typed {@value #TYPE} (RFC 8725 3.11) so it can be
 * taken for no other token, with the claims: {@code aud} {@value #AUDIENCE}, {@code sub} (who it was issued to, for
 * the operator's records), {@code iat}, {@code exp}, {@code jti}, and {@code apis}: the names of the service APIs the
 * invoker may use ({@value #ALL_APIS} for all): the invoker's API list (TS 23.222 8.1, TS 33.122 6.1).
 *
 * <p>A JWS rather than a shared secret: the CCF checks it with the CA's public key, so issuing needs no state at the
 * CCF, and the CA key already lives beside it (mode 600). Nimbus does the JOSE work.
 */
public record OnboardingCredential(String subject, List<String> apis, Instant expiry, String id) {
    public static final String TYPE = "keygate-onboarding+jwt";
    public static final String AUDIENCE = "api-invoker-management";
    public static final String ALL_APIS = "*";
    /** Long enough to hand over out of band; a credential is a bearer secret, so not for ever. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);
    /** A credential longer than this is not one keygate issued; refused before parsing. */
    static final int MAX_CHARS = 4096;

    public OnboardingCredential {
        Objects.requireNonNull(subject, "subject");
        apis = List.copyOf(apis);
        Objects.requireNonNull(expiry, "expiry");
    }

    /** Whether the invoker may use the service API {@code apiName}. */
    public boolean allows(String apiName) {
        return apis.contains(ALL_APIS) || apis.contains(apiName);
    }

    /** Signs a credential for {@code subject} allowing {@code apis}, valid {@code validity} from now. */
    public static String issue(CcfCertificateAuthority ca, String subject, List<String> apis, Duration validity,
            Clock clock) {
        if (subject.isBlank() || apis.isEmpty() || apis.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new IllegalArgumentException("a credential needs a subject and at least one API name (or *)");
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: " + validity + " (expected: up to " + MAX_VALIDITY + ")");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString()).claim("apis", List.copyOf(apis)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(TYPE))
                .build(), claims);
        try {
            jwt.sign(new ECDSASigner((ECPrivateKey) ca.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an onboarding credential: " + e.getClass().getSimpleName(), e);
        }
        return jwt.serialize();
    }

    /** Checks a presented credential; the reason of a refusal names what failed, never the token. */
    public static OnboardingCredential verify(CcfCertificateAuthority ca, String token, Clock clock)
            throws CredentialException {
        if (token.length() > MAX_CHARS) {
            throw new CredentialException("longer than " + MAX_CHARS + " characters");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !new JOSEObjectType(TYPE).equals(jwt.getHeader().getType())) {
                throw new CredentialException("not a keygate onboarding credential (alg ES256, typ " + TYPE + ")");
            }
            // During a roll-over, credentials the previous CA signed stay good until they expire.
            boolean signed = false;
            for (java.security.cert.X509Certificate anchor : ca.trustAnchors()) {
                signed = signed || jwt.verify(new ECDSAVerifier((ECPublicKey) anchor.getPublicKey()));
            }
            if (!signed) {
                throw new CredentialException("the signature is not the CCF CA's");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (c.getAudience() == null || !c.getAudience().contains(AUDIENCE)) {
                throw new CredentialException("aud is not " + AUDIENCE);
            }
            if (c.getExpirationTime() == null || !clock.instant().isBefore(c.getExpirationTime().toInstant())) {
                throw new CredentialException("expired");
            }
            List<String> apis = c.getStringListClaim("apis");
            if (c.getSubject() == null || apis == null || apis.isEmpty()) {
                throw new CredentialException("sub and apis are required");
            }
            return new OnboardingCredential(c.getSubject(), apis, c.getExpirationTime().toInstant(), c.getJWTID());
        } catch (ParseException e) {
            throw new CredentialException("not a JWS (" + e.getClass().getSimpleName() + ")");
        } catch (JOSEException | ClassCastException e) {
            throw new CredentialException("cannot be verified (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A refused credential. */
    public static final class CredentialException extends Exception {
        public CredentialException(String reason) {
            super(reason);
        }
    }
}
