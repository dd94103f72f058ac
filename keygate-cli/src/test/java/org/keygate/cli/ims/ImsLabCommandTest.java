package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.KeygateCommand;

/**
 * {@code keygate ims lab} end to end: the KMS, MRFP and MRFC daemons as processes from the files the lab writes, two
 * UEs on loopback; every step must work.
 */
class ImsLabCommandTest {
    @Test
    void theLabRunsEveryStepAgainstTheThreeDaemonsAndExitsZero(@TempDir Path dir) throws Exception {
        ImsLabCommand lab = new ImsLabCommand();
        lab.dir = dir;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lab.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new picocli.CommandLine(lab).execute();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains(
                "KMS: Ticket Request and Resolve over HTTP with mutual TLS",
                "MRFC /healthz (the KMS and the MRFP reachable): 200 "
                        + "{\"status\":\"UP\",\"checks\":{\"kms\":{\"status\":\"UP\"},\"mrfp\":{\"status\":\"UP\"}}}",
                "kms: exit 143, listeners and state closed", "mrfp: exit 143, listeners and state closed",
                "mrfc: exit 143, listeners and state closed",
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
        // three processes of their own, started from the files the lab wrote
        assertThat(out).containsPattern("\\(keygate ims kms, pid \\d+\\)").containsPattern("\\(keygate ims mrfp, pid \\d+\\)")
                .containsPattern("\\(keygate ims mrfc, pid \\d+\\)");
        assertThat(out).doesNotContainPattern("pid " + ProcessHandle.current().pid() + "\\)");
        for (String node : new String[] {"kms", "mrfp", "mrfc"}) {
            assertThat(Files.readString(dir.resolve(node + ".log")))
                    .startsWith("org.keygate.cli.KeygateCommand ims " + node + " --config " + dir.resolve(node + ".yaml"))
                    .contains("keygate ims " + node + ": ");
        }
        // the MRFC lines come from the MRFC daemon's log
        assertThat(Files.readString(dir.resolve("mrfc.log"))).contains("ticket resolved through the KMS",
                "200 OK with TRANSFER_RESP sent", "MRFP streams released");
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
