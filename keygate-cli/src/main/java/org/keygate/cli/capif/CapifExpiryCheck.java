package org.keygate.cli.capif;

import java.util.List;
import java.util.function.Supplier;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.tls.expiry.CertificateFinding;
import org.keygate.tls.expiry.ExpiryStatus;
import picocli.CommandLine;

/** What {@code --check} of the CCF and the AEF says about their certificates' expiry, as {@code keygate sepp --check}. */
final class CapifExpiryCheck {
    private CapifExpiryCheck() {}

    /**
     * Prints one error line (on stderr) for the first expired certificate, or an unreadable one, and returns false;
     * otherwise a warning line (on stdout) per certificate expiring within {@link ExpiryStatus#SOON}, and true.
     */
    static boolean report(CommandLine.Model.CommandSpec spec, String command, Supplier<List<CertificateFinding>> check,
            String remedy) {
        List<CertificateFinding> findings;
        try {
            findings = check.get();
        } catch (CapifConfigException e) {
            spec.commandLine().getErr().println(command + ": " + e.getMessage());
            return false;
        }
        for (CertificateFinding f : findings) {
            if (f.status() == ExpiryStatus.EXPIRED) {
                spec.commandLine().getErr().println(command + ": " + f + " (expected: a certificate valid now; "
                        + remedy + ")");
                return false;
            }
        }
        findings.forEach(f -> spec.commandLine().getOut().println("warning: " + f + " (within "
                + ExpiryStatus.SOON.toDays() + " days)"));
        return true;
    }
}
