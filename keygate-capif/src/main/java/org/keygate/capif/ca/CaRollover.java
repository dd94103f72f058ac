package org.keygate.capif.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewal and roll-over of the CCF's CA in its state directory (issue 13 item 6).
 *
 * <p>A roll-over ({@link #roll}; {@code keygate capif ca roll}, or {@link #renewIfDue} at the CCF's start once less
 * than {@link CaLifetimes#renewBefore} is left) makes a new CA key and self-signed certificate, which issues from then
 * on, and keeps the old one beside it as {@code ca-previous.crt} until it expires:
 * <ul>
 * <li>the CCF accepts client certificates of both ({@link CcfCertificateAuthority#trustAnchors}), so invokers and
 *     provider functions onboarded before keep working;
 * <li>{@code ca-cross.crt} certifies the new CA's key with the old CA's, and the CCF presents it after its own
 *     certificate ({@link CcfCertificateAuthority#chain}), so a party that still trusts only the old {@code ca.crt}
 *     validates the CCF; a party that trusts the new one stops at the CCF certificate's issuer;
 * <li>{@code ca-bundle.crt} holds both: the file to hand to parties from now on.
 * </ul>
 * The old CA is retired (its files removed) at the first start after its notAfter, which is no earlier than the
 * notAfter of the last certificate it issued (issued lifetimes are capped at the CA's). The old key is not kept: it
 * signs nothing after the roll. Only one roll-over at a time: rolling while a previous CA lives is refused, since a
 * third CA would leave parties of the first stranded.
 */
public final class CaRollover {
    private static final Logger LOG = LoggerFactory.getLogger(CaRollover.class);

    private CaRollover() {}

    /**
     * Opens (or creates) the CA in {@code dir}, retires an expired previous CA, and rolls over when less than
     * {@code renewBefore} is left on the current one (unless a previous one still lives: logged at WARN).
     */
    public static CcfCertificateAuthority renewIfDue(Path dir, String name, CaLifetimes lifetimes, Clock clock)
            throws IOException, GeneralSecurityException {
        CcfCertificateAuthority ca = CcfCertificateAuthority.openOrCreate(dir, name, lifetimes, clock);
        Instant now = clock.instant();
        if (ca.previous().isEmpty() && Files.exists(dir.resolve(CcfCertificateAuthority.PREVIOUS))) {
            Files.deleteIfExists(dir.resolve(CcfCertificateAuthority.PREVIOUS));
            Files.deleteIfExists(dir.resolve(CcfCertificateAuthority.CROSS));
            ca.write(dir);
            LOG.info("CCF CA: the previous CA expired and is retired; {} now holds the current CA only",
                    dir.resolve(CcfCertificateAuthority.BUNDLE));
        }
        Instant notAfter = ca.certificate().getNotAfter().toInstant();
        if (Duration.between(now, notAfter).compareTo(lifetimes.renewBefore()) >= 0) {
            return ca;
        }
        if (ca.previous().isPresent()) {
            LOG.warn("CCF CA expires {}, inside its renewal window, but the previous CA still lives until {}: not"
                    + " rolled over again (shorten ca.renewBeforeDays or lengthen ca.validityDays)", notAfter,
                    ca.previous().get().getNotAfter().toInstant());
            return ca;
        }
        LOG.warn("CCF CA expires {} (less than {} days left): rolling over to a new CA", notAfter,
                lifetimes.renewBefore().toDays());
        return roll(dir, name, lifetimes, clock);
    }

    /** Rolls the CA in {@code dir} over now (see the class comment); the new CA. */
    public static CcfCertificateAuthority roll(Path dir, String name, CaLifetimes lifetimes, Clock clock)
            throws IOException, GeneralSecurityException {
        CcfCertificateAuthority old = CcfCertificateAuthority.openOrCreate(dir, name, lifetimes, clock);
        if (old.previous().isPresent()) {
            throw new IllegalStateException("CCF CA: a roll-over is still in progress: the previous CA validates"
                    + " certificates until " + old.previous().get().getNotAfter().toInstant() + "; roll again after");
        }
        Instant now = clock.instant();
        X500Principal subject = new X500Principal("CN=" + commonName(old.certificate()) + ", OU=since "
                + now.truncatedTo(ChronoUnit.SECONDS) + ", O=keygate CAPIF");
        CcfCertificateAuthority fresh = CcfCertificateAuthority.create(subject, lifetimes, clock);
        X509Certificate cross = crossCertify(old, fresh, now);
        Files.writeString(dir.resolve(CcfCertificateAuthority.PREVIOUS), Pem.of(old.certificate()));
        Files.writeString(dir.resolve(CcfCertificateAuthority.CROSS), Pem.of(cross));
        CcfCertificateAuthority rolled = new CcfCertificateAuthority(fresh.keyPair(), fresh.certificate(),
                lifetimes.issued(), clock, old.certificate(), cross);
        rolled.write(dir);
        LOG.warn("CCF CA rolled over: new CA {} valid until {}; the previous one is trusted until {}; hand {} to"
                + " invokers and provider domains", subject, fresh.certificate().getNotAfter().toInstant(),
                old.certificate().getNotAfter().toInstant(), dir.resolve(CcfCertificateAuthority.BUNDLE));
        return rolled;
    }

    /** The new CA's subject and key, issued by the old CA, for no longer than the old one lives. */
    private static X509Certificate crossCertify(CcfCertificateAuthority old, CcfCertificateAuthority fresh,
            Instant now) throws GeneralSecurityException {
        Instant end = old.certificate().getNotAfter().toInstant();
        Instant freshEnd = fresh.certificate().getNotAfter().toInstant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            var b = new JcaX509v3CertificateBuilder(old.certificate(), new BigInteger(64, new SecureRandom())
                    .add(BigInteger.ONE), Date.from(now.minusSeconds(60)), Date.from(end.isBefore(freshEnd) ? end
                            : freshEnd), fresh.certificate().getSubjectX500Principal(),
                    fresh.certificate().getPublicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(fresh.certificate().getPublicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(old.certificate()));
            return CcfCertificateAuthority.sign(b, old.keyPair().getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot cross-certify the new CCF CA: " + e.getMessage(), e);
        }
    }

    private static String commonName(X509Certificate ca) {
        var rdns = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 0 ? "keygate CCF" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
