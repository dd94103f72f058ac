package org.keygate.cli.sepp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.KeygateCommand;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.plmn.PlmnId;
import picocli.CommandLine;

/**
 * {@code keygate sepp reload --config FILE} and SIGHUP against a running SEPP (issue 18 item 1): the command asks the
 * SEPP through its admin listener; the SEPP re-reads the file and applies or refuses it.
 */
class SeppReloadCommandTest {
    @TempDir
    Path dir;

    private Path file;
    private SeppNode node;
    private String admin;

    private static final String YAML = """
            name: home
            fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org
            plmnIds: ["001-01"]
            n32c: {listen: "127.0.0.1:0"}
            admin: {listen: "127.0.0.1:0"}
            tls: {certificateChain: home/sepp.crt, privateKey: home/sepp.key}
            rateLimit: {messagesPerSecond: 100, burst: 100}
            peers:
              - {name: visited, fqdn: sepp.5gc.mnc099.mcc999.3gppnetwork.org, plmnIds: ["999-99"],
                 n32c: "127.0.0.1:7444", trustAnchor: visited/ca.crt}
            """;

    @BeforeEach
    void start() throws Exception {
        LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), PlmnId.parse("001-01").seppFqdn()),
                new LabSepp("visited", PlmnId.parse("999-99"), PlmnId.parse("999-99").seppFqdn())), Duration.ofDays(2));
        file = dir.resolve("home.yaml");
        Files.writeString(file, YAML);
        node = SeppNode.start(SeppConfigLoader.load(file), Clock.systemUTC()).reloadsFrom(file);
        admin = "127.0.0.1:" + node.adminAddress().orElseThrow().getPort();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private int reload(StringWriter out, StringWriter err) {
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute("sepp", "reload", "--config", file.toString(), "--admin", admin);
    }

    @Test
    void aValidFileIsAppliedAndSaysSo() throws Exception {
        Files.writeString(file, YAML.replace("messagesPerSecond: 100", "messagesPerSecond: 7"));
        StringWriter out = new StringWriter();

        assertThat(reload(out, new StringWriter())).isZero();

        assertThat(out.toString()).startsWith("reloaded " + file + ": partners added []");
        assertThat(node.config().edge().rateLimits().limitOf("visited").messagesPerSecond()).isEqualTo(7.0);
    }

    @Test
    void aFileTheSeppRefusesExitsWith1AndTheMemberNamed() throws Exception {
        Files.writeString(file, YAML.replace("name: home", "name: other"));
        StringWriter err = new StringWriter();

        assertThat(reload(new StringWriter(), err)).isEqualTo(1);

        assertThat(err.toString()).contains("the node refused", "name: other (running: home)", "restart");
        assertThat(node.config().name()).isEqualTo("home");
    }

    @Test
    void anInvalidFileExitsWith2BeforeAskingTheSepp() throws Exception {
        Files.writeString(file, YAML.replace("messagesPerSecond: 100", "messagesPerSecond: 0"));
        StringWriter err = new StringWriter();

        assertThat(reload(new StringWriter(), err)).isEqualTo(2);

        assertThat(err.toString()).contains("rateLimit: messagesPerSecond: 0.0 (expected: a finite number > 0)");
        assertThat(node.meters().counter("keygate_sepp_config_reloads_total", "outcome", "refused").count())
                .as("the running SEPP was not asked").isZero();
    }

    @Test
    void sighupReloadsTheFile() throws Exception {
        SeppCommand.onHangup(node);
        Files.writeString(file, YAML.replace("messagesPerSecond: 100", "messagesPerSecond: 9"));

        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));

        for (int i = 0; i < 200 && node.config().edge().rateLimits().limitOf("visited").messagesPerSecond() != 9.0;
                i++) {
            Thread.sleep(50);
        }
        assertThat(node.config().edge().rateLimits().limitOf("visited").messagesPerSecond()).isEqualTo(9.0);
        assertThat(node.meters().counter("keygate_sepp_config_reloads_total", "outcome", "applied").count())
                .isEqualTo(1.0);
    }
}
