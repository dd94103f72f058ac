package org.keygate.cli.sepp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.KeygateCommand;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.plmn.PlmnId;
import picocli.CommandLine;

/** {@code keygate sepp --check}: the operator's first contact with a configuration file. */
class SeppCommandTest {
    @TempDir
    Path dir;

    private int check(String yaml, StringWriter err) throws Exception {
        LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), PlmnId.parse("001-01").seppFqdn()),
                new LabSepp("visited", PlmnId.parse("999-99"), PlmnId.parse("999-99").seppFqdn())), Duration.ofDays(1));
        Path file = dir.resolve("home.yaml");
        Files.writeString(file, yaml);
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute("sepp", "--config", file.toString(), "--check");
    }

    private static final String VALID = """
            name: home
            fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org
            plmnIds: ["001-01"]
            n32c: {listen: "127.0.0.1:0"}
            tls: {certificateChain: home/sepp.crt, privateKey: home/sepp.key}
            peers:
              - {name: visited, fqdn: sepp.5gc.mnc099.mcc999.3gppnetwork.org, plmnIds: ["999-99"],
                 n32c: "127.0.0.1:7444", trustAnchor: visited/ca.crt}
            """;

    @Test
    void aValidConfigurationPasses() throws Exception {
        assertThat(check(VALID, new StringWriter())).isZero();
    }

    @Test
    void aPortInUseIsNamedWithItsListenerAndAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), PlmnId.parse("001-01").seppFqdn()),
                    new LabSepp("visited", PlmnId.parse("999-99"), PlmnId.parse("999-99").seppFqdn())),
                    Duration.ofDays(1));
            Path file = dir.resolve("home.yaml");
            Files.writeString(file, VALID.replace("127.0.0.1:0", "127.0.0.1:" + port));
            StringWriter err = new StringWriter();
            CommandLine cmd = KeygateCommand.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            assertThat(cmd.execute("sepp", "--config", file.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("keygate: cannot listen on ", "127.0.0.1:" + port, "n32c-home",
                    "Address already in use");
        }
    }

    @Test
    void certificatesExpiringWithin30DaysAreReportedAndExpiredOnesRefused() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(check(VALID, new StringWriter())).isZero(); // the lab certificates of check() last one day
        } finally {
            System.setOut(stdout);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(
                "warning: tls.certificateChain[0]: certificate CN=sepp.5gc.mnc001.mcc001.3gppnetwork.org",
                "warning: peers[0].trustAnchor: certificate CN=keygate lab root 999-99 (visited)", "within 30 days");

        LabPki.generate(dir.resolve("expired"), List.of(new LabSepp("visited", PlmnId.parse("999-99"),
                PlmnId.parse("999-99").seppFqdn())), Duration.ofSeconds(-30)); // notAfter 30 s ago
        StringWriter err = new StringWriter();
        assertThat(check(VALID.replace("visited/ca.crt", "expired/visited/ca.crt"), err)).isEqualTo(2);
        assertThat(err.toString()).contains("peers[0].trustAnchor: expired at ", "a certificate valid now");
    }

    @Test
    void aBadOneFailsWithExitCode2AndTheFieldNamed() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(check(VALID.replace("[\"999-99\"]", "[\"999-9\"]"), err)).isEqualTo(2);
        assertThat(err.toString()).contains("peers[0].plmnIds[0]: 999-9 (expected: MCC-MNC");
    }
}
