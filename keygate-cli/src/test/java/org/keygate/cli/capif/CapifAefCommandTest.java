package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.config.AefSettings;
import org.keygate.capif.config.CcfSettings;
import picocli.CommandLine;

/**
 * {@code keygate capif ccf} and {@code keygate capif aef} from their configuration files, then
 * {@code keygate capif invoker} through them; the AEF restarted on another port is found again by discovery.
 */
class CapifAefCommandTest {
    @TempDir
    Path dir;

    String invoke(int ccfPort) {
        return invoke(ccfPort, 0, "--credential", dir.resolve("inv.credential").toString());
    }

    String invoke(int ccfPort, int expectedCode, String... more) {
        CapifInvokerCommand cmd = new CapifInvokerCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--ccf", "127.0.0.1:" + ccfPort,
                "--ca", dir.resolve("ccf/ca.crt").toString(), "--api-name", "nef-demo", "--state",
                dir.resolve("inv").toString()));
        args.addAll(java.util.List.of(more));
        int code = new CommandLine(cmd).execute(args.toArray(String[]::new));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isEqualTo(expectedCode);
        return out;
    }

    @Test
    void ccfAefAndInvokerFromTheCommandLine() throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        Files.writeString(dir.resolve("ccf.yaml"), "bind: 127.0.0.1:0\nstateDir: ccf\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\n");
        try (CapifCcfCommand.Running ccf = CapifCcfCommand.start(dir.resolve("ccf.yaml"),
                CcfSettings.load(dir.resolve("ccf.yaml")))) {
            int ccfPort = ccf.ccf().localAddress().getPort();
            Path aefYaml = Files.writeString(dir.resolve("aef.yaml"), "ccf: 127.0.0.1:" + ccfPort + "\n"
                    + "ccfName: localhost\nccfCa: ccf/ca.crt\nregistrationSecretFile: regsec.txt\nstateDir: aef\n"
                    + "host: 127.0.0.1\nport: 0\nsecurityApiPort: 0\napiPrefix: /nef-demo\napiName: nef-demo\n");
            assertThat(new CommandLine(new CapifAefCommand()).execute("--config", aefYaml.toString(), "--check"))
                    .isZero();
            String apiId;
            try (CapifAefCommand.Running running = CapifAefCommand.start(aefYaml, AefSettings.load(aefYaml))) {
                ApiExposingFunction aef = running.aef();
                // The CCF from its file requires an onboarding credential; the operator issues one.
                assertThat(invoke(ccfPort, 1)).contains("ONBOARDING_CREDENTIAL_REQUIRED");
                java.io.StringWriter issued = new java.io.StringWriter();
                CommandLine cl = org.keygate.cli.KeygateCommand.commandLine();
                cl.setOut(new java.io.PrintWriter(issued, true));
                assertThat(cl.execute("capif", "credential", "--state-dir", dir.resolve("ccf").toString(),
                        "--subject", "cli test", "--apis", "nef-demo", "--valid-days", "1", "--out",
                        dir.resolve("inv.credential").toString())).isZero();
                assertThat(issued.toString()).contains("APIs [nef-demo]")
                        .doesNotContain(Files.readString(dir.resolve("inv.credential")).strip());
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        dir.resolve("inv.credential")))).isEqualTo("rw-------");
                assertThat(CapifAefCommand.started(AefSettings.load(aefYaml), aef))
                        .contains("AEF security API on 127.0.0.1:" + aef.securityApiAddress().getPort());
                apiId = Files.readString(dir.resolve("aef/api.id")).strip();
                assertThat(invoke(ccfPort)).contains("GET /nef-demo/hello: 200").contains(apiId);
            }
            // Restarted: same domain and API, a new port published by update; discovery leads the invoker there.
            try (CapifAefCommand.Running running = CapifAefCommand.start(aefYaml, AefSettings.load(aefYaml))) {
                ApiExposingFunction aef = running.aef();
                assertThat(Files.readString(dir.resolve("aef/api.id")).strip()).isEqualTo(apiId);
                String out = invoke(ccfPort);
                assertThat(out).contains("at " + aef.interfaceDescription().aefInterfaceId().text())
                        .contains("GET /nef-demo/hello: 200");
            }
        }
    }

    @Test
    void aBadAefConfigurationExitsTwo() throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        Path f = Files.writeString(dir.resolve("aef.yaml"), "ccf: nowhere\nccfCa: ca.crt\n"
                + "registrationSecretFile: regsec.txt\nstateDir: s\nhost: 127.0.0.1\nport: 0\nsecurityApiPort: 0\n"
                + "apiName: x\n");
        CommandLine cl = new CommandLine(new CapifAefCommand());
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("--config", f.toString(), "--check")).isEqualTo(2);
        assertThat(err.toString()).contains("ccf: nowhere");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = new CommandLine(new CapifAefCommand());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path aefYaml(String ccf, String extra) throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        return Files.writeString(dir.resolve("aef.yaml"), "ccf: " + ccf + "\n" + extra
                + "registrationSecretFile: regsec.txt\nstateDir: s\nhost: 127.0.0.1\nport: 0\nsecurityApiPort: 0\n"
                + "apiName: x\n");
    }

    @Test
    void aNewcomersMistakesGetOneLineEach() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
        Run ip = run("--config", aefYaml("127.0.0.1:8443", "ccfCa: ca.crt\n").toString(), "--check");
        assertThat(ip.code()).isEqualTo(2);
        assertThat(ip.err()).contains("ccfName: missing").doesNotContain("Usage");
        assertThat(ip.err().strip().lines()).hasSize(1);

        Run missing = run("--config", aefYaml("localhost:8443", "ccfCa: nowhere/ca.crt\n").toString(), "--check");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("ccfCa:").contains("does not exist").doesNotContain("Usage");
        assertThat(missing.err().strip().lines()).hasSize(1);

        Run notPem = run("--config", aefYaml("localhost:8443", "ccfCa: ca.crt\n").toString(), "--check");
        assertThat(notPem.err()).contains("holds no PEM certificate");
    }

    @Test
    void anUnreachableCcfIsOneLineAtStart() throws Exception {
        var ca = org.keygate.capif.ca.CcfCertificateAuthority.create("t", java.time.Duration.ofDays(1),
                java.time.Clock.systemUTC());
        Files.writeString(dir.resolve("ca.crt"), org.keygate.capif.ca.Pem.of(ca.certificate()));
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run r = run("--config", aefYaml("127.0.0.1:" + closed, "ccfName: localhost\nccfCa: ca.crt\n").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("keygate capif aef: cannot start: ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void theDrainTimeoutIsReadAndChecked() throws Exception {
        var ca = org.keygate.capif.ca.CcfCertificateAuthority.create("t", java.time.Duration.ofDays(1),
                java.time.Clock.systemUTC());
        Files.writeString(dir.resolve("ca.crt"), org.keygate.capif.ca.Pem.of(ca.certificate()));
        String valid = "ccfName: localhost\nccfCa: ca.crt\n";
        assertThat(AefSettings.load(aefYaml("localhost:8443", valid)).drainTimeout()).as("the default").hasSeconds(20);
        assertThat(AefSettings.load(aefYaml("localhost:8443", valid + "shutdown: {drainTimeout: 5s}\n"))
                .drainTimeout()).hasSeconds(5);
        Run bad = run("--config", aefYaml("localhost:8443", valid + "shutdown: {drainTimeout: -5s}\n").toString(),
                "--check");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("shutdown.drainTimeout: -5s (expected: a duration such as").doesNotContain("Usage");
    }

    /** Issue 18 item 3: --check warns of the AEF's own certificate expiring soon and refuses an expired CCF CA. */
    @Test
    void checkWarnsOfItsCertificateExpiringSoonAndRefusesAnExpiredCa() throws Exception {
        var ca = org.keygate.capif.ca.CcfCertificateAuthority.create("keygate check CCF", java.time.Duration.ofDays(20),
                java.time.Clock.systemUTC());
        Files.writeString(dir.resolve("ca.crt"), org.keygate.capif.ca.Pem.of(ca.certificate()));
        // The AEF's own certificate as the CCF issues it at registration (capped at the CA's notAfter): 20 days left.
        var own = org.keygate.capif.ca.CsrRequester.create("AEF0123");
        var aefCert = ca.issueClient(own.csrPem(), "AEF0123", java.util.List.of("localhost"));
        Files.createDirectories(dir.resolve("s"));
        Path aefCrt = Files.writeString(dir.resolve("s/aef.crt"), org.keygate.capif.ca.Pem.of(aefCert)
                + org.keygate.capif.ca.Pem.of(ca.certificate()));
        Run soon = run("--config", aefYaml("localhost:8443", "ccfCa: ca.crt\n").toString(), "--check");
        assertThat(soon.code()).as(soon.err()).isZero();
        assertThat(soon.out()).contains("warning: ccfCa (" + dir.resolve("ca.crt") + "): certificate CN=keygate check CCF")
                .contains("warning: " + aefCrt + ": certificate " + aefCert.getSubjectX500Principal() + " expires at "
                        + aefCert.getNotAfter().toInstant() + " (within 30 days)")
                .contains(": OK (AEF");

        var expired = org.keygate.capif.ca.CcfCertificateAuthority.create("keygate expired CCF",
                java.time.Duration.ofDays(10), java.time.Clock.fixed(java.time.Instant.now().minus(
                        java.time.Duration.ofDays(20)), java.time.ZoneOffset.UTC)).certificate();
        Files.writeString(dir.resolve("ca.crt"), org.keygate.capif.ca.Pem.of(expired));
        Run refused = run("--config", aefYaml("localhost:8443", "ccfCa: ca.crt\n").toString(), "--check");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("keygate capif aef: ccfCa (" + dir.resolve("ca.crt") + "): certificate "
                + "CN=keygate expired CCF").contains("expired at " + expired.getNotAfter().toInstant());
        assertThat(refused.err().strip().lines()).hasSize(1);
        assertThat(refused.out()).doesNotContain(": OK");
    }
}
