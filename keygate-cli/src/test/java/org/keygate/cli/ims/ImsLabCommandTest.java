package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keygate.cli.KeygateCommand;

/** {@code keygate ims lab} end to end: KMS, MRFP, MRFC and two UEs on loopback; every step must work. */
class ImsLabCommandTest {
    @Test
    void theLabRunsEveryStepAndExitsZero() {
        ImsLabCommand lab = new ImsLabCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lab.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new picocli.CommandLine(lab).execute();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains(
                "KMS: Ticket Request and Resolve over HTTP with mutual TLS",
                "Alice: ticket from the KMS for sip:alice@ims.example.org -> sip:mrfc@ims.example.org",
                "Alice: 200 OK: TRANSFER_RESP verified, responder sip:mrfc@ims.example.org",
                "Bob: 200 OK: TRANSFER_RESP verified, responder sip:mrfc@ims.example.org",
                "MRFC: ticket resolved through the KMS",
                "MSRP: TCP to", "BFCP: TCP to",
                "Bob received: \"Hello Bob, this is Alice over MSRP with TLS-PSK\"",
                "Alice got 200 OK: true, Success-Report REPORT: true",
                "Alice FloorRequest floor 1 -> FloorRequestStatus Granted",
                "BYE answered 200 for both UEs: true",
                "keygate ims lab: OK, every step worked");
        assertThat(out).containsPattern("MRFC: MSRP stream [0-9a-f]{16}: offer a=setup:active, answer a=setup:passive"
                + " -> MRFP is TCP SERVER and TLS SERVER");
        assertThat(out).containsPattern("MRFC: BFCP stream [0-9a-f]{16}: offer a=setup:active, answer a=setup:passive"
                + " -> MRFP is TCP SERVER and TLS SERVER");
    }

    @Test
    void imsIsASubcommandOfKeygate() {
        assertThat(KeygateCommand.commandLine().getSubcommands().get("ims").getSubcommands()).containsKey("lab");
    }
}
