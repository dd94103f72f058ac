package org.keygate.cli.ipx;

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

/** {@code keygate ipx --check}: the IPX operator's first contact with a configuration file. */
class IpxCommandTest {
    @TempDir
    Path dir;

    private static final String VALID = """
            name: hub
            providerId: ipx.example.org
            n32f: {listen: "127.0.0.1:0"}
            tls: {certificateChain: ipx/ipx.crt, privateKey: ipx/ipx.key}
            sepps:
              - {name: home, plmnIds: ["001-01"], trustAnchor: home/ca.crt,
                 n32f: {authority: "sepp.5gc.mnc001.mcc001.3gppnetwork.org:8443", address: "127.0.0.1:8443"}}
              - {name: visited, plmnIds: ["999-99"], trustAnchor: visited/ca.crt}
            modifications:
              signingKey: ipx/ipx.key
              policy: ["/payload/*/value/servingNetworkName"]
            """;

    private int check(String yaml, StringWriter err) throws Exception {
        LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), PlmnId.parse("001-01").seppFqdn()),
                new LabSepp("visited", PlmnId.parse("999-99"), PlmnId.parse("999-99").seppFqdn())), Duration.ofDays(1));
        LabPki.generateIntermediary(dir, "ipx", "ipx.example.org", Duration.ofDays(1));
        Path file = dir.resolve("ipx.yaml");
        Files.writeString(file, yaml);
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute("ipx", "--config", file.toString(), "--check");
    }

    @Test
    void aValidConfigurationPasses() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(check(VALID, err)).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRunningIpxReloadsItsFileOnAskingAndOnSighup() throws Exception {
        assertThat(check(VALID, new StringWriter())).isZero(); // writes the PKI and the file
        Path file = dir.resolve("ipx.yaml");
        String yaml = VALID.replace("n32f: {listen: \"127.0.0.1:0\"}", "n32f: {listen: \"127.0.0.1:0\"}\nadmin: {listen: \"127.0.0.1:0\"}");
        Files.writeString(file, yaml);
        try (org.keygate.ipx.node.IpxNode ipx = org.keygate.ipx.node.IpxNode.start(
                org.keygate.ipx.config.IpxConfigLoader.load(file)).reloadsFrom(file)) {
            String admin = "127.0.0.1:" + ipx.adminAddress().orElseThrow().getPort();
            Files.writeString(file, yaml.replace("policy: [\"/payload/*/value/servingNetworkName\"]",
                    "policy: [\"/payload/*/value/servingNetworkName\", \"/payload/*/value/ausfInstanceId\"]"));
            StringWriter out = new StringWriter();
            CommandLine cmd = KeygateCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            assertThat(cmd.execute("ipx", "reload", "--config", file.toString(), "--admin", admin)).isZero();
            assertThat(out.toString()).startsWith("reloaded " + file + ": 2 SEPP(s) [home, visited]");
            assertThat(ipx.config().modifications().orElseThrow().policy().modifiablePaths())
                    .contains("/payload/*/value/ausfInstanceId");

            Files.writeString(file, yaml.replace("providerId: ipx.example.org", "providerId: other.example.org"));
            StringWriter err = new StringWriter();
            cmd = KeygateCommand.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            assertThat(cmd.execute("ipx", "reload", "--config", file.toString(), "--admin", admin)).isEqualTo(1);
            assertThat(err.toString()).contains("providerId: other.example.org (running: ipx.example.org)");

            org.keygate.cli.AdminReload.onHangup(ipx::reloadFile);
            Files.writeString(file, yaml.replace("servingNetworkName", "ausfInstanceId"));
            sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
            for (int i = 0; i < 200 && ipx.meters().counter(org.keygate.ipx.node.IpxNode.RELOADS, "outcome",
                    "applied").count() < 2; i++) {
                Thread.sleep(50);
            }
            assertThat(ipx.config().modifications().orElseThrow().policy().modifiablePaths()).as("after SIGHUP")
                    .containsExactly("/payload/*/value/ausfInstanceId");
        }
    }

    @Test
    void aBadOneFailsWithExitCode2AndTheFieldNamed() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(check(VALID.replace("signingKey: ipx/ipx.key", "signingKey: ipx/missing.key"), err)).isEqualTo(2);
        assertThat(err.toString()).contains("modifications.signingKey: ipx/missing.key (expected: a readable file");
    }
}
