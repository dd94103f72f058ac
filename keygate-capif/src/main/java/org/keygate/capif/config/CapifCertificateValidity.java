package org.keygate.capif.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.expiry.CertificateFinding;
import org.keygate.tls.expiry.ExpiryStatus;
import org.keygate.tls.jsse.PemFiles;

/**
 * The certificates a CAPIF daemon's files name, against their notAfter, for {@code keygate capif ccf|aef --check}
 * (issue 18 item 3, as {@code keygate sepp --check}): expired ones are refused, those expiring within
 * {@link ExpiryStatus#SOON} reported.
 *
 * <ul>
 * <li>CCF: its CA, {@code stateDir/ca.crt}, once created (a first start creates it). Its own TLS certificate is
 *     issued afresh at every start, and the previous CA of a roll-over is retired at the first start after its
 *     notAfter, so neither can stop a start.
 * <li>AEF: the CCF's CA ({@code ccfCa}, every certificate in it) and its own certificate, the first of
 *     {@code stateDir/aef.crt}, once registered.
 * </ul>
 */
public final class CapifCertificateValidity {
    private CapifCertificateValidity() {}

    /** The CCF's findings at {@code now}. */
    public static List<CertificateFinding> ccf(CcfSettings settings, Instant now) {
        List<CertificateFinding> out = new ArrayList<>();
        Path ca = settings.stateDir().resolve("ca.crt");
        if (Files.exists(ca)) {
            CertificateFinding.addIfNotValid(out, ca.toString(), first(ca), now);
        }
        return out;
    }

    /** The AEF's findings at {@code now}. */
    public static List<CertificateFinding> aef(AefSettings settings, Instant now) {
        List<CertificateFinding> out = new ArrayList<>();
        List<X509Certificate> ca = read(settings.ccfCa());
        for (int i = 0; i < ca.size(); i++) {
            String member = "ccfCa (" + settings.ccfCa() + (ca.size() > 1 ? ", certificate " + (i + 1) : "") + ")";
            CertificateFinding.addIfNotValid(out, member, ca.get(i), now);
        }
        Path own = settings.stateDir().resolve("aef.crt");
        if (Files.exists(own)) {
            CertificateFinding.addIfNotValid(out, own.toString(), first(own), now);
        }
        return out;
    }

    private static X509Certificate first(Path file) {
        List<X509Certificate> certs = read(file);
        if (certs.isEmpty()) {
            throw new CapifConfigException(file + ": holds no PEM certificate");
        }
        return certs.getFirst();
    }

    private static List<X509Certificate> read(Path file) {
        try {
            return PemFiles.readCertificates(file);
        } catch (Exception e) {
            throw new CapifConfigException(file + ": cannot read its certificates: " + e.getMessage());
        }
    }
}
