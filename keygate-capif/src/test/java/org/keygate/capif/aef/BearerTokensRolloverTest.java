package org.keygate.capif.aef;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.ca.CaLifetimes;
import org.keygate.capif.ca.CaRollover;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrRequester;

/**
 * An AEF that still trusts the CCF's CA from before a roll-over accepts the CCF's tokens signed with a certificate of
 * the new CA, through the cross certificate in x5c, and nothing that lacks it or comes from another CA.
 */
class BearerTokensRolloverTest {
    static final CaLifetimes LIFETIMES = new CaLifetimes(Duration.ofDays(10), Duration.ofDays(5), Duration.ofDays(3));
    @TempDir
    Path dir;
    @TempDir
    Path otherDir;

    private static String token(CsrRequester key, List<X509Certificate> x5c) throws Exception {
        List<Base64> chain = new java.util.ArrayList<>();
        for (X509Certificate c : x5c) {
            chain.add(Base64.encode(c.getEncoded()));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertChain(chain).build(), new JWTClaimsSet.Builder().issuer("ccf").subject("INV1")
                        .claim("scope", "3gpp#AEF1:nef-demo").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new ECDSASigner((ECPrivateKey) key.keyPair().getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aTokenOfTheNewCaVerifiesAgainstTheOldThroughTheCrossCertificate() throws Exception {
        CcfCertificateAuthority old = CcfCertificateAuthority.openOrCreate(dir, "token CA", LIFETIMES,
                Clock.systemUTC());
        CcfCertificateAuthority rolled = CaRollover.roll(dir, "token CA", LIFETIMES, Clock.systemUTC());
        CsrRequester ccfKey = CsrRequester.create("ccf");
        X509Certificate leaf = rolled.issueClient(ccfKey.csrPem(), "ccf", List.of("localhost"));
        BearerTokens oldTrust = new BearerTokens(() -> List.of(old.certificate()), Clock.systemUTC());
        BearerTokens newTrust = new BearerTokens(() -> List.of(rolled.certificate()), Clock.systemUTC());

        String withCross = token(ccfKey, rolled.chain(leaf));
        assertThat(oldTrust.verify(withCross, "AEF1", "nef-demo")).hasValue("INV1");
        assertThat(newTrust.verify(withCross, "AEF1", "nef-demo")).hasValue("INV1");
        assertThat(oldTrust.verify(token(ccfKey, List.of(leaf)), "AEF1", "nef-demo")).as("no cross certificate")
                .isEmpty();

        // A cross certificate the old CA never signed (another CA's certificate for a key of the same name): refused.
        CcfCertificateAuthority other = CcfCertificateAuthority.openOrCreate(otherDir, "token CA", LIFETIMES,
                Clock.systemUTC());
        CcfCertificateAuthority otherRolled = CaRollover.roll(otherDir, "token CA", LIFETIMES, Clock.systemUTC());
        X509Certificate otherLeaf = otherRolled.issueClient(ccfKey.csrPem(), "ccf", List.of("localhost"));
        assertThat(oldTrust.verify(token(ccfKey, otherRolled.chain(otherLeaf)), "AEF1", "nef-demo")).isEmpty();
        assertThat(other.certificate()).isNotEqualTo(old.certificate());
    }

    @Test
    void tokensFollowTheAnchorsAReloadSwapsIn() throws Exception {
        CcfCertificateAuthority a = CcfCertificateAuthority.openOrCreate(dir, "CA A", LIFETIMES, Clock.systemUTC());
        CcfCertificateAuthority b = CcfCertificateAuthority.openOrCreate(otherDir, "CA B", LIFETIMES,
                Clock.systemUTC());
        CsrRequester ccfKey = CsrRequester.create("ccf");
        String fromB = token(ccfKey, List.of(b.issueClient(ccfKey.csrPem(), "ccf", List.of("localhost"))));
        String fromA = token(ccfKey, List.of(a.issueClient(ccfKey.csrPem(), "ccf", List.of("localhost"))));
        java.util.concurrent.atomic.AtomicReference<List<X509Certificate>> trusted =
                new java.util.concurrent.atomic.AtomicReference<>(List.of(a.certificate()));
        BearerTokens tokens = new BearerTokens(trusted::get, Clock.systemUTC());

        assertThat(tokens.verify(fromA, "AEF1", "nef-demo")).hasValue("INV1");
        assertThat(tokens.verify(fromB, "AEF1", "nef-demo")).as("B not trusted yet").isEmpty();
        trusted.set(List.of(a.certificate(), b.certificate())); // ccfCa reloaded with the roll-over bundle
        assertThat(tokens.verify(fromA, "AEF1", "nef-demo")).hasValue("INV1");
        assertThat(tokens.verify(fromB, "AEF1", "nef-demo")).hasValue("INV1");
        trusted.set(List.of(b.certificate()));
        assertThat(tokens.verify(fromA, "AEF1", "nef-demo")).as("A no longer trusted").isEmpty();
        assertThat(tokens.verify(fromB, "AEF1", "nef-demo")).hasValue("INV1");
    }
}
