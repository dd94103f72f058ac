package org.keygate.capif.aef;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.keygate.capif.ca.CcfCertificateAuthority;

/**
 * Verifies a CCF access token (TS 33.122 6.5.2.3) and returns its invoker: ES256 only; the x5c leaf issued by the
 * CCF's CA with CN {@code ccf} and valid now; signature by that leaf; iss {@code ccf}; not expired; scope naming this
 * AEF and API. There is no decode-without-verify path.
 */
final class BearerTokens {
    /** A JWS of three short claims with a two-certificate chain is a few KiB; longer headers are refused unread. */
    static final int MAX_TOKEN_CHARS = 8192;
    private final Supplier<List<X509Certificate>> anchors;
    private final Clock clock;

    /** {@code anchors}: the CCF's CA certificates as trusted now (the AEF's {@code ccfCa}, which a reload swaps). */
    BearerTokens(Supplier<List<X509Certificate>> anchors, Clock clock) {
        this.anchors = anchors;
        this.clock = clock;
    }

    /** The API invoker ID the token was issued to, if it verifies for {@code aefId} and {@code apiName}. */
    Optional<String> verify(String token, String aefId, String apiName) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            List<Base64> chain = jwt.getHeader().getX509CertChain();
            if (chain == null || chain.isEmpty()) {
                return Optional.empty();
            }
            X509Certificate leaf = X509CertUtils.parse(chain.getFirst().decode());
            if (leaf == null) {
                return Optional.empty();
            }
            if (!issuedByTrustedCa(leaf, chain)) {
                return Optional.empty();
            }
            leaf.checkValidity(Date.from(clock.instant()));
            if (!"ccf".equals(CcfCertificateAuthority.commonName(leaf))
                    || !(leaf.getPublicKey() instanceof ECPublicKey key) || !jwt.verify(new ECDSAVerifier(key))) {
                return Optional.empty();
            }
            var claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (!"ccf".equals(claims.getIssuer()) || exp == null || !exp.toInstant().isAfter(clock.instant())
                    || !("3gpp#" + aefId + ":" + apiName).equals(claims.getStringClaim("scope"))) {
                return Optional.empty();
            }
            return Optional.ofNullable(claims.getSubject());
        } catch (ParseException | JOSEException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The leaf was signed by one of the CCF's CAs trusted now or, after the CCF's CA rolled over (docs/CAPIF.md), by
     * the new CA as certified by one of them in the cross certificate that follows the leaf in x5c. Hand-written
     * rather than a PKIX path validation: the path is at most this one step, and the anchors are the CCF's own.
     */
    private boolean issuedByTrustedCa(X509Certificate leaf, List<Base64> chain) {
        List<X509Certificate> cas = anchors.get();
        for (X509Certificate ca : cas) {
            if (leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && signedBy(leaf, ca.getPublicKey())) {
                return true;
            }
        }
        if (chain.size() < 2) {
            return false;
        }
        X509Certificate cross = X509CertUtils.parse(chain.get(1).decode());
        if (cross == null || cross.getBasicConstraints() < 0
                || !cross.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false; // x5c: no cross certificate for the leaf's issuer
        }
        for (X509Certificate ca : cas) {
            if (signedBy(cross, ca.getPublicKey()) && validNow(cross) && signedBy(leaf, cross.getPublicKey())) {
                return true;
            }
        }
        return false;
    }

    private static boolean signedBy(X509Certificate c, java.security.PublicKey key) {
        try {
            c.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private boolean validNow(X509Certificate c) {
        try {
            c.checkValidity(Date.from(clock.instant()));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
