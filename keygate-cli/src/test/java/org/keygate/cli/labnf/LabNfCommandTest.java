package org.keygate.cli.labnf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.cli.KeygateCommand;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.labnf.LabHomeNetwork;
import picocli.CommandLine;

/** {@code keygate labnf}: the options become a UDM with that many subscribers on the given listener. */
class LabNfCommandTest {
    private static final String BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"7a1e1a2c-8b39-4a7e-9f7b-0b1d3c4e5f60\"}";

    private static SbiResponse generate(LabHomeNetwork nfs, String supi) throws Exception {
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = client.connect(nfs.udmAddress(), null).get(20, TimeUnit.SECONDS);
            return c.send(new SbiRequest("POST", "/nudm-ueau/v1/" + supi + "/security-information/generate-auth-data",
                    SbiHeaders.of("content-type", "application/json"), BODY.getBytes(StandardCharsets.UTF_8)),
                    "udm.5gc.mnc001.mcc001.3gppnetwork.org", "http").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theUdmServesEachOfTheSubscribersAndNoOther() throws Exception {
        LabNfCommand cmd = new LabNfCommand();
        new CommandLine(cmd).parseArgs("--udm-listen", "127.0.0.1:0", "--subscribers", "3");
        try (LabHomeNetwork nfs = cmd.start()) {
            SbiResponse third = generate(nfs, "imsi-001010000000003");
            assertThat(third.status()).as(new String(third.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode result = SbiJson.read(third.body(), JsonNode.class);
            assertThat(result.path("supi").asText()).isEqualTo("imsi-001010000000003");
            assertThat(result.path("authenticationVector").path("avType").asText()).isEqualTo("5G_HE_AKA");
            assertThat(generate(nfs, "imsi-001010000000004").status()).isEqualTo(404);
            assertThat(nfs.ausfAddress().getPort()).isPositive();
        }
    }

    @Test
    void theHelpNamesTheFirstSubscriberTheUdmServes() throws Exception {
        StringWriter help = new StringWriter();
        CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(help, true));
        assertThat(cmd.execute("labnf", "--help")).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("imsi-[0-9]+").matcher(help.toString());
        assertThat(m.find()).as(help.toString()).isTrue();
        // TS 23.003 2.2: an IMSI has at most 15 digits; PLMN 001-01, MSIN 0000000001.
        assertThat(m.group()).isEqualTo("imsi-001010000000001");
        LabNfCommand labnf = new LabNfCommand();
        new CommandLine(labnf).parseArgs("--udm-listen", "127.0.0.1:0");
        try (LabHomeNetwork nfs = labnf.start()) {
            assertThat(generate(nfs, m.group()).status()).isEqualTo(200);
        }
    }

    @Test
    void badOptionsExitWith2AndSayWhy() {
        for (String[] args : new String[][] {{"--udm-listen", "127.0.0.1:0", "--subscribers", "0"},
                {"--udm-listen", "127.0.0.1"}, {"--udm-listen", "127.0.0.1:99999"}}) {
            StringWriter err = new StringWriter();
            CommandLine cmd = KeygateCommand.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            String[] full = new String[args.length + 1];
            full[0] = "labnf";
            System.arraycopy(args, 0, full, 1, args.length);
            assertThat(cmd.execute(full)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).contains(args[args.length - 2] + ": " + args[args.length - 1]);
        }
    }
}
