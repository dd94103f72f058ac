package org.keygate.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The lab end to end, as a newcomer runs it: PKI, configuration files, four SEPPs, two handshakes. */
class LabCommandTest {
    @TempDir
    Path dir;

    @Test
    void bothScenariosAgreeAndTheLabExitsZero() throws Exception {
        LabCommand lab = new LabCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lab.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new CommandLine(lab).execute("--base-port", "0", "--dir", dir.toString());
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains("Scenario 1: PRINS selected", "Scenario 2: TLS selected",
                "keygate lab: OK, both SEPPs agree in every scenario");
        assertThat(out).doesNotContain("DIFFER", "DISAGREE");
        // Eight key/salt rows in the PRINS scenario, each shown on both sides and agreeing.
        assertThat(out.lines().filter(l -> l.contains("_key ") || l.contains("_iv_salt "))
                .filter(l -> l.endsWith("agree"))).hasSize(8);
        assertThat(out).containsPattern("selected capability +visited PRINS +home PRINS +agree");
        assertThat(out).containsPattern("selected capability +visited TLS +home TLS +agree");
        // The configuration files it wrote are real ones, left for the user.
        assertThat(dir.resolve("scenario1-home.yaml")).exists();
        assertThat(Files.readString(dir.resolve("scenario2-home.yaml"))).contains("capabilities: [TLS, PRINS]");
    }
}
