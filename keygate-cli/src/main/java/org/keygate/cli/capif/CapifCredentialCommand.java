package org.keygate.cli.capif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.OnboardingCredential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif credential}: the operator issues an onboarding credential (TS 29.222 5.5.2.2 NOTE 4) with the
 * CCF's CA in {@code stateDir}, for an API invoker to present once it onboards. It is a bearer secret: written to a
 * file of mode 600, never printed.
 */
@Command(name = "credential", mixinStandardHelpOptions = true,
        description = "Issue an onboarding credential for an API invoker with the CCF's CA (see docs/CAPIF.md).")
public final class CapifCredentialCommand implements Callable<Integer> {
    @Option(names = "--state-dir", required = true, description = "The CCF's stateDir (ca.crt, ca.key).")
    Path stateDir;

    @Option(names = "--subject", required = true, description = "Whom it is for (kept in the credential and logs).")
    String subject;

    @Option(names = "--apis", required = true, split = ",",
            description = "Names of the service APIs the invoker may use, comma-separated; * for all.")
    List<String> apis;

    @Option(names = "--valid-days", defaultValue = "30", description = "Validity in days (default ${DEFAULT-VALUE},"
            + " at most 366).")
    int validDays;

    @Option(names = {"-o", "--out"}, required = true, description = "File to write the credential to (mode 600).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(stateDir.resolve("ca.crt")) || !Files.exists(stateDir.resolve("ca.key"))) {
            spec.commandLine().getErr().println("keygate capif credential: --state-dir: no ca.crt and ca.key in "
                    + stateDir + " (the CCF's stateDir, after its first start)");
            return 2;
        }
        CcfCertificateAuthority ca = CcfCertificateAuthority.openOrCreate(stateDir, "unused", Duration.ofDays(1),
                Clock.systemUTC());
        String token;
        try {
            token = OnboardingCredential.issue(ca, subject, apis, Duration.ofDays(validDays), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("keygate capif credential: " + e.getMessage());
            return 2;
        }
        Files.deleteIfExists(out);
        try {
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(out);
        }
        Files.writeString(out, token + "\n", java.nio.charset.StandardCharsets.US_ASCII);
        spec.commandLine().getOut().println("keygate capif credential: " + out + " for \"" + subject + "\", APIs "
                + apis + ", valid " + validDays + " days (give it to the invoker: keygate capif invoker --credential)");
        return 0;
    }
}
