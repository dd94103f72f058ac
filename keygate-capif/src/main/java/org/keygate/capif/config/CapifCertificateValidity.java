package org.keygate.capif.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** One certificate that is not plainly {@link ExpiryStatus#VALID}; {@code what} names the file or member. */
    public record Finding(String what, X509Certificate certificate, ExpiryStatus status) {
        @Override
        public String toString() {
            return what + ": certificate " + certificate.getSubjectX500Principal()
                    + (status == ExpiryStatus.EXPIRED ? " expired at " : " expires at ")
                    + certificate.getNotAfter().toInstant();
        }
    }

    /** The CCF's findings at {@code now}. */
    public static List<Finding> ccf(CcfSettings settings, Instant now) {
        List<Finding> out = new ArrayList<>();
        Path ca = settings.stateDir().resolve("ca.crt");
        if (Files.exists(ca)) {
            add(out, ca.toString(), first(ca), now);
        }
        return out;
    }

    /** The AEF's findings at {@code now}. */
    public static List<Finding> aef(AefSettings settings, Instant now) {
        List<Finding> out = new ArrayList<>();
        List<X509Certificate> ca = read(settings.ccfCa());
        for (int i = 0; i < ca.size(); i++) {
            add(out, "ccfCa (" + settings.ccfCa() + (ca.size() > 1 ? ", certificate " + (i + 1) : "") + ")", ca.get(i),
                    now);
        }
        Path own = settings.stateDir().resolve("aef.crt");
        if (Files.exists(own)) {
            add(out, own.toString(), first(own), now);
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

    private static void add(List<Finding> out, String what, X509Certificate cert, Instant now) {
        ExpiryStatus status = ExpiryStatus.of(cert, now);
        if (status != ExpiryStatus.VALID) {
            out.add(new Finding(what, cert, status));
        }
    }
}
