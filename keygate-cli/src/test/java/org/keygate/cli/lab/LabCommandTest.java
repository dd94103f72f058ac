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

/** The lab end to end, as a newcomer runs it: PKI, configuration files, home NFs, two SEPPs, a real request. */
class LabCommandTest {
    @TempDir
    Path dir;

    private String run(int expectedCode, String... args) {
        LabCommand lab = new LabCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lab.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 4];
        System.arraycopy(new String[] {"--base-port", "0", "--dir", dir.toString()}, 0, all, 0, 4);
        System.arraycopy(args, 0, all, 4, args.length);
        int code = new CommandLine(lab).execute(all);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isEqualTo(expectedCode);
        return out;
    }

    @Test
    void prinsModeWalksTheAvRequestThroughBothSeppsAndExitsZero() throws Exception {
        String out = run(0, "--mode", "prins");
        assertThat(out).contains("keygate lab: OK, every step behaved").doesNotContain("FAILED", "DIFFER");
        assertThat(out).containsPattern("selected capability +visited PRINS +home PRINS +agree");
        // Each side stored the hub the other announced (TS 33.501 13.2.2.2 step 3).
        assertThat(out).containsPattern("peer's IPX provider +visited home-hub +home visited-hub +agree");
        // Eight key/salt rows, each shown on both sides and agreeing.
        assertThat(out.lines().filter(l -> l.contains("_key ") || l.contains("_iv_salt "))
                .filter(l -> l.endsWith("agree"))).hasSize(8);
        // What crossed N32-f: the template path and encBlockIndex, never the SUPI.
        assertThat(out).contains("{supiOrSuci}", "\"authenticationVector\":{\"encBlockIndex\"");
        String n32f = out.substring(out.indexOf("[3]"), out.indexOf("[4]"));
        assertThat(n32f).doesNotContain("imsi-001010000000001");
        assertThat(out).contains("\"avType\":\"5G_HE_AKA\"").contains("key material, not shown");
        // The visited operator's IPX rewrote ausfInstanceId and signed it, the home operator's signed after it; the
        // home SEPP accepted both. On the answer the home IPX added supportedFeatures, the visited one signed after.
        assertThat(out).contains("through both operators' IPXs", "identity   ipx.visited-hub.lab.example",
                "identity   ipx.home-hub.lab.example", "0b5e1f2a-9c3d-4e7f-8a6b-1c2d3e4f5a6b",
                "supportedFeatures 4a7 (added by the home IPX)");
        String request = n32f.substring(n32f.indexOf("the IPXs on the way"), n32f.indexOf("answer payload"));
        assertThat(request.indexOf("identity   ipx.visited-hub")).isLessThan(request.indexOf("identity   ipx.home-hub"))
                .isPositive();
        String answer = n32f.substring(n32f.indexOf("the answer on its way back"));
        assertThat(answer.indexOf("identity   ipx.home-hub")).isLessThan(answer.indexOf("identity   ipx.visited-hub"))
                .isPositive();
        assertThat(Files.readString(dir.resolve("ipx.yaml"))).contains("providerId: ipx.visited-hub.lab.example");
        assertThat(Files.readString(dir.resolve("home-ipx.yaml"))).contains("providerId: ipx.home-hub.lab.example",
                "message: answer");
        // The configuration files it wrote are real ones, left for the user.
        assertThat(Files.readString(dir.resolve("home.yaml"))).contains("capabilities: [PRINS, TLS]", "homeNfs:");
        assertThat(Files.readString(dir.resolve("visited.yaml"))).contains("allowedApis: [nudm-ueau, nausf-auth]");
    }

    @Test
    void withoutTheIpxTheSeppsConnectDirectly() throws Exception {
        String out = run(0, "--no-ipx");
        assertThat(out).contains("SEPPs connected directly", "keygate lab: OK, every step behaved")
                .doesNotContain("FAILED", "identity   ipx.");
        // No hub on the path: none is announced, none stored, and the lab says so.
        assertThat(out).containsPattern("peer's IPX provider +visited none +home none +agree")
                .doesNotContain("hub ");
        assertThat(Files.readString(dir.resolve("home.yaml"))).doesNotContain("ipxProviders");
        assertThat(Files.readString(dir.resolve("visited.yaml"))).doesNotContain("ipxProviders");
    }

    @Test
    void tlsModeSelectsTlsAndStillAnswersTheNf() throws Exception {
        String out = run(0, "--mode", "tls");
        assertThat(out).contains("keygate lab: OK, every step behaved").doesNotContain("FAILED");
        assertThat(out).containsPattern("selected capability +visited TLS +home TLS +agree");
        assertThat(out).contains("N32-f in TLS mode").contains("\"avType\":\"5G_HE_AKA\"");
    }
}
