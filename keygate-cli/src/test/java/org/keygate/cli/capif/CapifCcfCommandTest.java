package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.cli.KeygateCommand;
import org.keygate.tls.jsse.PemFiles;
import picocli.CommandLine;

/** {@code keygate capif ccf}: configuration checks, and a CCF started from it keeping its state across a restart. */
class CapifCcfCommandTest {
    @TempDir
    Path dir;

    Path config(String body) throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        return Files.writeString(dir.resolve("ccf.yaml"), body);
    }

    int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void aValidConfigurationPassesTheCheck() throws Exception {
        Path f = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nsecurityMethods: [PSK, PKI]\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "capif", "ccf", "--config", f.toString(), "--check")).as(err.toString()).isZero();
        assertThat(out.toString()).contains(": OK (CCF on 127.0.0.1").contains("state");
        assertThat(CcfSettings.load(f).toString()).doesNotContain("a-registration-secret");
        assertThat(CcfSettings.load(f).h2()).isEqualTo(new org.keygate.sbi.h2.H2Settings(1 << 20, 8 << 20));
        Path windows = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nhttp2: {streamWindowBytes: 2097152, connectionWindowBytes: 16777216}\n");
        assertThat(CcfSettings.load(windows).h2()).isEqualTo(new org.keygate.sbi.h2.H2Settings(2 << 20, 16 << 20));
        assertThat(CcfSettings.load(f).drainTimeout()).as("the default, as a SEPP's").hasSeconds(20);
        Path drain = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nshutdown: {drainTimeout: 1500ms}\n");
        assertThat(CcfSettings.load(drain).drainTimeout()).isEqualTo(java.time.Duration.ofMillis(1500));
    }

    @Test
    void aBadConfigurationExitsTwoNamingTheMember() throws Exception {
        for (String[] c : new String[][] {
                {"bind: 127.0.0.1\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n", "bind"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "securityMethods: [PSK, MAGIC]\n", "securityMethods"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\n", "registrationSecretFile"},
                {"bind: 127.0.0.1:0\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n", "stateDir"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: []\nregistrationSecretFile: regsec.txt\n", "serverNames"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "colour: blue\n", "colour"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "onboardingCredentials: maybe\n", "onboardingCredentials"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "admin: nowhere\n", "admin"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "http2: {streamWindowBytes: 1000}\n", "http2.streamWindowBytes: 1000 (expected: 65535.."},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "http2: {streamWindowBytes: 2097152, connectionWindowBytes: 1048576}\n",
                        "http2.connectionWindowBytes: 1048576 (expected: at least http2.streamWindowBytes"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "shutdown: {drainTimeout: soon}\n", "shutdown.drainTimeout: soon (expected: a duration such as"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "shutdown: {drainTimeout: 0s}\n", "shutdown.drainTimeout: 0s (expected: a duration > 0"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "shutdown: {drainTimeout: 1h}\n", "shutdown.drainTimeout: 1h (expected: a duration > 0 and "
                        + "at most 10m)"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "ca: {validityDays: 100, renewBeforeDays: 100, certificateValidityDays: 30}\n",
                        "ca.renewBeforeDays: 100 (expected: less than ca.validityDays, 100"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "ca: {validityDays: 100, certificateValidityDays: 200, renewBeforeDays: 10}\n",
                        "ca.certificateValidityDays: 200 (expected: at most ca.validityDays"},
                {"bind: 127.0.0.1:0\nstateDir: s\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n"
                        + "ca: {validityDays: 0}\n", "ca.validityDays: 0"}}) {
            StringWriter err = new StringWriter();
            assertThat(run(new StringWriter(), err, "capif", "ccf", "--config", config(c[0]).toString(), "--check"))
                    .as(c[1]).isEqualTo(2);
            assertThat(err.toString()).as(c[1]).contains(c[1]).doesNotContain("Usage");
            assertThat(err.toString().strip().lines()).as(c[1]).hasSize(1);
        }
    }

    @Test
    void caRollMakesANewCaAndKeepsTheOldInTheBundle() throws Exception {
        Path f = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nca: {validityDays: 30, certificateValidityDays: 10, renewBeforeDays: 12}\n");
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "capif", "ca", "roll", "--config", f.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no ca.crt and ca.key");
        try (CapifCcfCommand.Running ccf = CapifCcfCommand.start(f, CcfSettings.load(f))) {
            X509Certificate ca = PemFiles.readCertificates(dir.resolve("state/ca.crt")).getFirst();
            assertThat(java.time.Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                    .as("ca.validityDays (and the minute of clock skew before)")
                    .isEqualTo(java.time.Duration.ofDays(30).plusMinutes(1));
        }
        X509Certificate old = PemFiles.readCertificates(dir.resolve("state/ca.crt")).getFirst();
        StringWriter out = new StringWriter();
        assertThat(run(out, err, "capif", "ca", "roll", "--config", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ca-bundle.crt");
        X509Certificate fresh = PemFiles.readCertificates(dir.resolve("state/ca.crt")).getFirst();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(PemFiles.readCertificates(dir.resolve("state/ca-bundle.crt"))).containsExactly(fresh, old);
        StringWriter again = new StringWriter();
        assertThat(run(new StringWriter(), again, "capif", "ca", "roll", "--config", f.toString())).isEqualTo(1);
        assertThat(again.toString()).contains("still in progress").doesNotContain("Usage");
    }

    @Test
    void theCcfItStartsKeepsItsInvokersAcrossARestart() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // the same port for both runs, so the invoker finds its CCF again
        }
        Path f = config("bind: 127.0.0.1:" + port + "\nstateDir: state\n"
                + "serverNames: [localhost]\nregistrationSecretFile: regsec.txt\n");
        CcfSettings s = CcfSettings.load(f);
        ApiInvoker inv;
        try (CapifCcfCommand.Running first = CapifCcfCommand.start(f, s)) {
            X509Certificate ca = PemFiles.readCertificates(dir.resolve("state/ca.crt")).getFirst();
            inv = ApiInvoker.onboard(new CcfEndpoint(first.ccf().localAddress(), "localhost", ca),
                    "http://127.0.0.1:9/", "cli test", org.keygate.capif.ca.OnboardingCredential.issue(
                            first.ccf().ca(), "cli test", java.util.List.of("*"), java.time.Duration.ofHours(1),
                            java.time.Clock.systemUTC()));
            assertThat(inv.discover("").serviceAPIDescriptions()).isNull();
        }
        try (CapifCcfCommand.Running second = CapifCcfCommand.start(f, s)) {
            X509Certificate ca = PemFiles.readCertificates(dir.resolve("state/ca.crt")).getFirst();
            assertThat(second.ccf().ca().certificate()).isEqualTo(ca);
            // Same CA, same store: the invoker onboarded before the restart is still known, its certificate valid.
            assertThat(inv.discover("").serviceAPIDescriptions()).isNull();
        }
        assertThat(Files.exists(dir.resolve("state/ccf.mv"))).isTrue();
    }

    @Test
    void aCorruptAefPskFileStopsTheStartWithOneLineNamingIt() throws Exception {
        Path f = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\n");
        Path keys = Files.createDirectories(dir.resolve("state/aefpsk"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Path bad = Files.writeString(keys.resolve("INV0123456789abcdef0123456789abcdef.json"),
                "{\"format\":\"keygate-ccf-aefpsk/1\",\"apiInvokerId\":\"INV0123", java.nio.charset.StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "capif", "ccf", "--config", f.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("keygate capif ccf: cannot start: AEFPSK file " + bad + " refused: ")
                .contains("malformed JSON").doesNotContain("Usage").doesNotContain("Exception");
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("listening");
    }

    /** Issue 18 item 3: --check warns of a CA expiring within 30 days and refuses an expired one, naming the file. */
    @Test
    void checkWarnsOfACaExpiringSoonAndRefusesAnExpiredOne() throws Exception {
        Path f = config("bind: 127.0.0.1:0\nstateDir: state\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\n");
        Path caFile = Files.createDirectories(dir.resolve("state")).resolve("ca.crt");
        // Issued for the purpose: 10 days left; then one whose 10 days ended 10 days ago.
        var soon = org.keygate.capif.ca.CcfCertificateAuthority.create("keygate check-soon CCF",
                java.time.Duration.ofDays(10), java.time.Clock.systemUTC()).certificate();
        Files.writeString(caFile, org.keygate.capif.ca.Pem.of(soon));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "capif", "ccf", "--config", f.toString(), "--check")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("warning: " + caFile + ": certificate CN=keygate check-soon CCF")
                .contains("expires at " + soon.getNotAfter().toInstant() + " (within 30 days)").contains(": OK (CCF");

        var expired = org.keygate.capif.ca.CcfCertificateAuthority.create("keygate check-expired CCF",
                java.time.Duration.ofDays(10), java.time.Clock.fixed(java.time.Instant.now().minus(
                        java.time.Duration.ofDays(20)), java.time.ZoneOffset.UTC)).certificate();
        Files.writeString(caFile, org.keygate.capif.ca.Pem.of(expired));
        StringWriter out2 = new StringWriter();
        StringWriter err2 = new StringWriter();
        assertThat(run(out2, err2, "capif", "ccf", "--config", f.toString(), "--check")).isEqualTo(2);
        assertThat(err2.toString()).startsWith("keygate capif ccf: " + caFile + ": certificate CN=keygate check-expired CCF")
                .contains("expired at " + expired.getNotAfter().toInstant()).contains("expected: a certificate valid now");
        assertThat(err2.toString().strip().lines()).hasSize(1);
        assertThat(out2.toString()).doesNotContain(": OK");
    }
}
