package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.cli.KeygateCommand;
import picocli.CommandLine;

/** {@code keygate capif lab} as a newcomer runs it: every step on loopback, exit 0, no key printed. */
class CapifLabCommandTest {
    @Test
    void everyStepBehavesAndTheLabExitsZero() {
        CapifLabCommand lab = new CapifLabCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lab.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new CommandLine(lab).execute();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains("keygate capif lab: OK, every step behaved").doesNotContain("FAILED");
        assertThat(out).containsPattern("invoker onboarded .*ok +apiInvokerId INV[0-9a-f]{32}");
        assertThat(out).containsPattern("AMF's WebSocket for CAPIF events open +ok +wss://localhost:[0-9]+/capif-events/v1/AMF");
        assertThat(out).containsPattern("event notification over the WebSocket +ok +API_INVOKER_ONBOARDED");
        assertThat(out).containsPattern("security method selected +ok +PSK \\(CAPIF-1e TLSv1.2, session ID [0-9a-f]{64}\\)");
        assertThat(out).containsPattern("CAPIF-2e call over TLS-PSK \\(TLS 1.2\\) +ok +200 ");
        assertThat(out).containsPattern("CAPIF-2e call after revocation refused +ok +alert unknown_psk_identity");
        // The same fingerprint from both sides, and 10 steps.
        Matcher fp = Pattern.compile("invoker ([0-9a-f]{64})\\R.*CCF +([0-9a-f]{64})").matcher(out);
        assertThat(fp.find()).as(out).isTrue();
        assertThat(fp.group(1)).isEqualTo(fp.group(2));
        // Issue 13: onboarding needs the credential, and the AMF sees the invoker's events.
        assertThat(out).containsPattern("onboarding credential issued +ok +JWS signed by the CCF's CA");
        assertThat(out).containsPattern("onboarding without a credential refused +ok +.*401 ONBOARDING_CREDENTIAL_REQUIRED");
        assertThat(out).containsPattern("invoker onboarded with its credential +ok +apiInvokerId INV");
        assertThat(out).containsPattern("event notification to the AMF +ok +API_INVOKER_ONBOARDED \\[INV[0-9a-f]{32}\\]");
        assertThat(out).containsPattern(
                "event notification to the AMF +ok +API_INVOKER_AUTHORIZATION_REVOKED \\[INV[0-9a-f]{32}\\]");
        assertThat(out.lines().filter(l -> l.matches(" ?\\d+\\. .*"))).hasSize(17);
    }

    @Test
    void theLabIsASubcommandOfKeygateCapif() {
        CommandLine cl = KeygateCommand.commandLine();
        assertThat(cl.getSubcommands()).containsKey("capif");
        assertThat(cl.getSubcommands().get("capif").getSubcommands()).containsKey("lab");
    }
}
