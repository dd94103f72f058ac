package org.keygate.cli.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.plmn.PlmnId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code keygate pki --out DIR --sepp NAME:MCC-MNC[:FQDN] ...}: a lab PKI, one root CA per PLMN and one SEPP
 * certificate each (SAN {@code sepp.5gc.mncXXX.mccYYY.3gppnetwork.org}, the FQDN, localhost, 127.0.0.1).
 * For labs and tests only: production SEPPs use the operator's PKI (TS 33.310).
 */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "Generate a lab PKI for SEPPs.")
public final class PkiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Option(names = "--sepp", required = true, arity = "1..*",
            description = "NAME:MCC-MNC[:FQDN], e.g. home:001-01 or visited:999-99:sepp.visited.example.org")
    List<String> sepps;

    @Option(names = "--days", defaultValue = "365", description = "Certificate validity in days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--nf-types", split = ",", description = "RFC 9310 NFTypes extension of every SEPP certificate, "
            + "e.g. SEPP (default: no extension).")
    List<String> nfTypes = List.of();

    @Override
    public Integer call() throws Exception {
        if (days < 1 || days > 3650) {
            throw new ParameterException(spec.commandLine(), "--days: " + days + " (expected: 1..3650)");
        }
        List<LabSepp> specs = new ArrayList<>();
        for (String s : sepps) {
            specs.add(parse(s));
        }
        Map<String, LabSeppFiles> files;
        try {
            files = LabPki.generate(out, specs, Duration.ofDays(days), nfTypes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--nf-types: " + e.getMessage());
        }
        files.forEach((name, f) -> System.out.println(name + ": CA " + f.caCert() + ", certificate "
                + f.certChain() + ", key " + f.privateKey()));
        return 0;
    }

    private LabSepp parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            throw new ParameterException(spec.commandLine(), "--sepp: " + text + " (expected: NAME:MCC-MNC[:FQDN])");
        }
        PlmnId plmn;
        try {
            plmn = PlmnId.parse(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sepp: " + text + " (expected: MCC-MNC such as 001-01)");
        }
        return new LabSepp(parts[0], plmn, parts.length == 3 ? parts[2] : plmn.seppFqdn());
    }
}
