package org.keygate.cli.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.LabProcess;

/**
 * SIPp as a UE against the {@code keygate ims mrfc} daemon, with the KMS and the MRFP daemons behind it, all three
 * processes started from the files {@link ImsLabFiles} writes: Alice's ticket comes from the KMS daemon, SIPp sends
 * the INVITE with her TRANSFER_INIT, and the TRANSFER_RESP in the 200 verifies on Alice's side; ACK and BYE follow.
 */
class ImsMrfcDaemonSippTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void sippGetsAVerifyingTransferRespFromTheMrfcDaemon(@TempDir Path dir) throws Exception {
        assertThat(new ProcessBuilder("sipp", "-v").start().waitFor(10, TimeUnit.SECONDS))
                .as("sipp is installed (Debian sip-tester)").isTrue();
        ImsLabFiles f = ImsLabFiles.write(dir);
        try (LabProcess kms = KeygateProcess.start("kms", dir, "ims", "kms", "--config", f.kmsYaml().toString());
                LabProcess mrfp = KeygateProcess.start("mrfp", dir, "ims", "mrfp", "--config", f.mrfpYaml().toString())) {
            kms.awaitLog("keygate ims kms: ", WAIT);
            mrfp.awaitLog("keygate ims mrfp: ", WAIT);
            try (LabProcess mrfc = KeygateProcess.start("mrfc", dir, "ims", "mrfc", "--config",
                    f.mrfcYaml().toString())) {
                mrfc.awaitLog("keygate ims mrfc: ", WAIT);
                PendingTransfer alice = aliceTransfer(f, dir);
                String log = sipp(dir, f.mrfcSip, scenario(offer(alice)));
                Matcher m = Pattern.compile("TRANSFER_RESP a=key-mgmt:mikey ([A-Za-z0-9+/=]+)").matcher(log);
                assertThat(m.find()).as("SIPp logged the TRANSFER_RESP; log:%n%s", log).isTrue();
                EstablishedSession session = alice.complete(Base64.getDecoder().decode(m.group(1)));
                assertThat(session.peerIdentity()).isEqualTo(ImsLabFiles.MRFC);
                assertThat(session.tek().length()).isEqualTo(32);

                assertThat(ImsDaemonsTest.scrape(f.mrfcAdmin)).contains("keygate_ims_mrfc_invites_total{status=\"200\"} 1.0")
                        .contains("keygate_ims_mrfc_sessions 0.0");
                assertThat(ImsDaemonsTest.scrape(f.kmsAdmin)).contains("keygate_ims_kms_tickets_issued_total 1.0")
                        .contains("keygate_ims_kms_tickets_resolved_total 1.0");
                assertThat(Files.readString(mrfc.log())).contains("200 OK with TRANSFER_RESP sent")
                        .contains("MRFP streams released");
                ImsDaemonsTest.assertStoppedGracefully(mrfc);
            }
            ImsDaemonsTest.assertStoppedGracefully(mrfp);
            ImsDaemonsTest.assertStoppedGracefully(kms);
        }
    }

    private static PendingTransfer aliceTransfer(ImsLabFiles f, Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        try (KmsClient client = KmsClient.connect(new InetSocketAddress("127.0.0.1", f.kmsPort), ImsLabFiles.KMS_HOST,
                KmsTls.context(TlsKeyMaterial.load(dir.resolve("alice/sepp.crt"), dir.resolve("alice/sepp.key")),
                        PemFiles.readCertificates(dir.resolve("alice/ca.crt"))),
                Duration.ofSeconds(10), clock, MikeyReplayCache.DEFAULT_SKEW, new SecureRandom())) {
            TicketTerms terms = new TicketTerms(ImsLabFiles.ALICE, List.of(ImsLabFiles.MRFC), Optional.of(ImsLabFiles.KMS),
                    clock.instant(), clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
            IssuedTicket issued = client.requestTicket(ImsDaemonsTest.credentials(f, "alice", ImsLabFiles.ALICE), terms)
                    .get(30, TimeUnit.SECONDS);
            return TransferInitiator.start(issued, ImsLabFiles.ALICE, ImsLabFiles.MRFC, clock,
                    MikeyReplayCache.DEFAULT_SKEW, new SecureRandom());
        }
    }

    private static String offer(PendingTransfer transfer) {
        return SdpCodec.write(new SecureMediaSdp("alice", 1, 1, "127.0.0.1", Optional.of(transfer.transferInit()), List.of(
                TcpMedia.msrp("127.0.0.1", 45000, Setup.ACTPASS, "msrps://127.0.0.1:45000/alice1;tcp", List.of("text/plain")),
                TcpMedia.bfcp("127.0.0.1", 45001, Setup.ACTPASS, "c-only", 0, 0, List.of()))));
    }

    /** INVITE with the offer; on the 200 log the TRANSFER_RESP, ACK, BYE and its 200. */
    private static String scenario(String sdp) {
        String dialog = """
                From: <sip:alice@ims.example.org>;tag=[pid]ue[call_number]
                Call-ID: [call_id]
                Max-Forwards: 70
                """;
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="keygate UE against the MRFC daemon">
                  <send retrans="500" start_txn="invite">
                    <![CDATA[
                INVITE sip:mrfc@ims.example.org SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                To: <sip:mrfc@ims.example.org>
                CSeq: 1 INVITE
                Contact: <sip:alice@[local_ip]:[local_port]>
                %1$sContent-Type: application/sdp
                Content-Length: [len]

                %2$s
                    ]]>
                  </send>
                  <recv response="100" optional="true" response_txn="invite"/>
                  <recv response="200" rrs="true" response_txn="invite">
                    <action>
                      <ereg regexp="a=key-mgmt:mikey [A-Za-z0-9+/=]+" search_in="body" check_it="true" assign_to="km"/>
                      <log message="TRANSFER_RESP [$km]"/>
                    </action>
                  </recv>
                  <send ack_txn="invite">
                    <![CDATA[
                ACK [next_url] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                To: <sip:mrfc@ims.example.org>[peer_tag_param]
                CSeq: 1 ACK
                %1$sContent-Length: 0

                    ]]>
                  </send>
                  <send retrans="500" start_txn="bye">
                    <![CDATA[
                BYE [next_url] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                To: <sip:mrfc@ims.example.org>[peer_tag_param]
                CSeq: 2 BYE
                %1$sContent-Length: 0

                    ]]>
                  </send>
                  <recv response="200" response_txn="bye"/>
                </scenario>
                """.formatted(dialog, sdp.replace("\r\n", "\n"));
    }

    private static String sipp(Path dir, int mrfcPort, String scenario) throws Exception {
        Path xml = Files.writeString(dir.resolve("ue.xml"), scenario);
        Path log = dir.resolve("ue.log");
        int own;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            own = s.getLocalPort();
        }
        Process p = new ProcessBuilder("sipp", "-sf", xml.toString(), "-m", "1", "-i", "127.0.0.1", "-p",
                Integer.toString(own), "-timeout", "30s", "-timeout_error", "-trace_logs", "-log_file", log.toString(),
                "-trace_err", "-error_file", dir.resolve("err.log").toString(), "127.0.0.1:" + mrfcPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("screen.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sipp finished").isTrue();
        String errors = Files.exists(dir.resolve("err.log")) ? Files.readString(dir.resolve("err.log")) : "";
        assertThat(p.exitValue()).as("sipp exit status (0: the call succeeded); errors:%n%s", errors).isZero();
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
