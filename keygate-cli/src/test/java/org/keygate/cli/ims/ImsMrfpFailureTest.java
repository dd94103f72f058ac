package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.cli.ClosedAfterEach;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.sbi.json.SbiJson;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.LabProcess;

/**
 * The MRFC daemon facing its dependencies' failures, the three daemons as processes from {@link ImsLabFiles}' files:
 * the MRFP killed with SIGKILL mid-session (the UE gets a BYE, the MRFC keeps serving and takes calls again once the
 * MRFP is back), and /healthz naming what cannot be reached.
 */
class ImsMrfpFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The lab's pollInterval is PT0.5S: lost after 2 failed polls; generous for a loaded machine. */
    private static final Duration NOTICE = Duration.ofSeconds(30);
    @RegisterExtension
    final ClosedAfterEach closed = new ClosedAfterEach();
    private final ByteArrayOutputStream steps = new ByteArrayOutputStream();

    @Test
    void aKilledMrfpEndsTheCallWithByeAndTheMrfcTakesANewCallOnceItIsBack(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        LabProcess kms = closed.keep(KeygateProcess.start("kms", dir, "ims", "kms", "--config",
                f.kmsYaml().toString()));
        LabProcess mrfp = closed.keep(KeygateProcess.start("mrfp", dir, "ims", "mrfp", "--config",
                f.mrfpYaml().toString()));
        kms.awaitLog("keygate ims kms: ", WAIT);
        mrfp.awaitLog("keygate ims mrfp: ", WAIT);
        LabProcess mrfc = closed.keep(KeygateProcess.start("mrfc", dir, "ims", "mrfc", "--config",
                f.mrfcYaml().toString()));
        mrfc.awaitLog("keygate ims mrfc: ", WAIT);
        awaitHealth(f, h -> h.status == 200, "UP");

        ImsLabUe alice = ue(f, "Alice", "alice", ImsLabFiles.ALICE);
        alice.join(ImsLabFiles.MRFC, ImsLabFiles.KMS, "127.0.0.1:" + f.mrfcSip);
        alice.msrp.send(alice.chat("", false));
        assertThat(alice.msrp.next(ImsLabUe.WAIT)).as("MSRP through the first MRFP")
                .isInstanceOfSatisfying(MsrpResponse.class, r -> assertThat(r.status()).isEqualTo(200));
        assertThat(ImsDaemonsTest.scrape(f.mrfcAdmin)).contains("keygate_ims_mrfc_sessions 1.0");

        mrfp.kill();
        assertThat(mrfp.alive()).isFalse();
        assertThat(mrfp.exitCode()).as("SIGKILL: 128 + 9").isEqualTo(137);
        assertThat(Files.readString(mrfp.log())).doesNotContain(ImsDaemon.STOPPED);

        // the MRFC ends the call: a BYE with RFC 3326 Reason, answered 200 by the UE
        Optional<Request> bye = alice.awaitBye(NOTICE);
        assertThat(bye).as("BYE from the MRFC after the MRFP died; MRFC log:%n%s", mrfc.tail()).isPresent();
        ReasonHeader reason = (ReasonHeader) bye.get().getHeader(ReasonHeader.NAME);
        assertThat(reason.getProtocol()).isEqualTo("SIP");
        assertThat(reason.getCause()).isEqualTo(503);
        assertThat(reason.getText()).isEqualTo("MRFP lost");
        assertThat(alice.msrp.awaitClosed(NOTICE)).as("the UE's MSRP connection ended with the MRFP").isTrue();
        assertThat(mrfc.alive()).isTrue();
        assertThat(Files.readString(mrfc.log())).contains("MRFP lost: ").containsPattern("BYE \\S+ sent to .*alice.*: MRFP lost");
        assertThat(ImsDaemonsTest.scrape(f.mrfcAdmin)).contains("keygate_ims_mrfc_sessions 0.0")
                .contains("keygate_ims_mrfc_calls_ended_total{reason=\"mrfp_lost\"} 1.0");

        // /healthz: DOWN naming the MRFP; the KMS is fine
        Health down = awaitHealth(f, h -> h.status == 503, "DOWN");
        assertThat(down.body.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body.path("checks").path("kms").path("status").asText()).isEqualTo("UP");
        assertThat(down.body.path("checks").path("mrfp").path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body.path("checks").path("mrfp").path("reason").asText())
                .contains("http://127.0.0.1:" + f.mrfpControl).contains("did not answer");

        // still serving SIP: a call while the MRFP is down is answered 500, not dropped
        ImsLabUe bob = ue(f, "Bob", "bob", ImsLabFiles.BOB);
        assertThatThrownBy(() -> bob.join(ImsLabFiles.MRFC, ImsLabFiles.KMS, "127.0.0.1:" + f.mrfcSip))
                .hasMessageContaining("INVITE answered 500");

        LabProcess again = closed.keep(KeygateProcess.start("mrfp-again", dir, "ims", "mrfp", "--config",
                f.mrfpYaml().toString()));
        again.awaitLog("keygate ims mrfp: ", WAIT);
        awaitHealth(f, h -> h.status == 200, "UP after the MRFP restart");
        assertThat(Files.readString(mrfc.log())).contains("is back: conference");

        ImsLabUe alice2 = ue(f, "Alice", "alice", ImsLabFiles.ALICE);
        alice2.join(ImsLabFiles.MRFC, ImsLabFiles.KMS, "127.0.0.1:" + f.mrfcSip);
        alice2.msrp.send(alice2.chat("", false));
        assertThat(alice2.msrp.next(ImsLabUe.WAIT)).as("MSRP through the restarted MRFP")
                .isInstanceOfSatisfying(MsrpResponse.class, r -> assertThat(r.status()).isEqualTo(200));
        assertThat(alice2.bye()).isEqualTo(200);
        assertThat(ImsDaemonsTest.scrape(f.mrfcAdmin)).contains("keygate_ims_mrfc_invites_total{status=\"200\"} 2.0")
                .contains("keygate_ims_mrfc_invites_total{status=\"500\"} 1.0");

        ImsDaemonsTest.assertStoppedGracefully(mrfc);
        ImsDaemonsTest.assertStoppedGracefully(again);
        ImsDaemonsTest.assertStoppedGracefully(kms);
    }

    @Test
    void healthzIsDownNamingTheKmsWhileTheKmsIsStopped(@TempDir Path dir) throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        LabProcess kms = closed.keep(KeygateProcess.start("kms", dir, "ims", "kms", "--config",
                f.kmsYaml().toString()));
        LabProcess mrfp = closed.keep(KeygateProcess.start("mrfp", dir, "ims", "mrfp", "--config",
                f.mrfpYaml().toString()));
        kms.awaitLog("keygate ims kms: ", WAIT);
        mrfp.awaitLog("keygate ims mrfp: ", WAIT);
        LabProcess mrfc = closed.keep(KeygateProcess.start("mrfc", dir, "ims", "mrfc", "--config",
                f.mrfcYaml().toString()));
        mrfc.awaitLog("keygate ims mrfc: ", WAIT);
        Health up = awaitHealth(f, h -> h.status == 200, "UP");
        assertThat(up.body.path("checks").path("kms").path("status").asText()).isEqualTo("UP");
        assertThat(up.body.path("checks").path("mrfp").path("status").asText()).isEqualTo("UP");

        ImsDaemonsTest.assertStoppedGracefully(kms);
        Health down = awaitHealth(f, h -> h.status == 503, "DOWN");
        assertThat(down.body.path("checks").path("kms").path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body.path("checks").path("kms").path("reason").asText())
                .contains("the KMS at").contains(":" + f.kmsPort).contains("cannot be reached");
        assertThat(down.body.path("checks").path("mrfp").path("status").asText()).isEqualTo("UP");

        LabProcess kmsAgain = closed.keep(KeygateProcess.start("kms-again", dir, "ims", "kms", "--config",
                f.kmsYaml().toString()));
        kmsAgain.awaitLog("keygate ims kms: ", WAIT);
        awaitHealth(f, h -> h.status == 200, "UP after the KMS restart");
        ImsDaemonsTest.assertStoppedGracefully(mrfc);
        ImsDaemonsTest.assertStoppedGracefully(mrfp);
        ImsDaemonsTest.assertStoppedGracefully(kmsAgain);
    }

    private record Health(int status, JsonNode body) {
    }

    /** Polls /healthz (bounded) until {@code wanted}; fails with the last answer. */
    private static Health awaitHealth(ImsLabFiles f, Predicate<Health> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + NOTICE.toNanos();
        Health last = null;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.mrfcAdmin
                        + "/healthz")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = new Health(r.statusCode(), SbiJson.mapper().readTree(r.body()));
                if (wanted.test(last)) {
                    return last;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("/healthz not " + what + " within " + NOTICE + "; last: " + last);
    }

    private ImsLabUe ue(ImsLabFiles f, String name, String node, String identity) throws Exception {
        KmsClient client = closed.keep(KmsClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                f.kmsPort),
                ImsLabFiles.KMS_HOST, f.kmsTls(node), ImsLabUe.WAIT, Clock.systemUTC(), MikeyReplayCache.DEFAULT_SKEW,
                new SecureRandom()));
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UeSipClient sip = new UeSipClient(identity, "127.0.0.1", port).start();
        return closed.keep(new ImsLabUe(name, identity, f.credentials(node, identity), client, sip,
                new PrintStream(steps, true, StandardCharsets.UTF_8)));
    }

}
