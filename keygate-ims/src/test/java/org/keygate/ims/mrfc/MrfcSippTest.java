package org.keygate.ims.mrfc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTicketRequest;
import org.keygate.ims.mikey.ticket.PendingTicketResolve;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.mikey.ticket.TransferResponder;
import org.keygate.ims.mrfp.Mrfp;
import org.keygate.ims.mrfp.MrfpControlApi;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.mrfp.MrfpEvent;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.testing.PeerProcess;
import org.keygate.sbi.server.SbiServer;

/**
 * Issue 6 "What must hold": SIPp, as a UE, sends an INVITE whose SDP carries a TRANSFER_INIT built by keygate's codec
 * (a ticket from the KMS for Alice to the MRFC) and receives a 200 whose SDP carries a TRANSFER_RESP that Alice's side
 * of the exchange accepts; ACK and BYE follow. The same with a TRANSFER_INIT naming another responder gets 488.
 */
class MrfcSippTest {
    private final TicketLab lab = new TicketLab();
    private Mrfp mrfp;
    private SbiServer api;
    private Mrfc mrfc;
    private int mrfcPort;

    @BeforeEach
    void start() throws Exception {
        PeerProcess.require("sipp", "sip-tester");
        mrfp = new Mrfp("127.0.0.1");
        api = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext().handler(new MrfpControlApi(mrfp))
                .build().start();
        MrfpControlClient control = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
        String conference = control.createConference(77, List.of(1));
        mrfcPort = freeUdpPort();
        TicketResolver viaKms = ticket -> {
            PendingTicketResolve p = PendingTicketResolve.start(lab.mrfc, ticket, lab.clock, TicketLab.SKEW, lab.random);
            KmsAnswer answer = lab.kms.ticketResolve(p.resolveInit(), Set.of("mrfc.ims.example.org"));
            return p.complete(answer.mikey());
        };
        TransferResponder responder = new TransferResponder(TicketLab.MRFC, new MikeyReplayCache(TicketLab.SKEW, 1000, lab.clock),
                lab.clock, lab.random);
        mrfc = new Mrfc(new MrfcConfig(TicketLab.MRFC, "127.0.0.1", mrfcPort, conference, 77, List.of(1)), control, viaKms,
                responder).start();
    }

    @AfterEach
    void stop() {
        mrfc.close();
        api.close();
        mrfp.close();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Alice asks the KMS for a ticket to the MRFC and builds the TRANSFER_INIT (RFC 6043 mode 1). */
    private PendingTransfer aliceTransfer(String responder) throws Exception {
        TicketTerms terms = new TicketTerms(TicketLab.ALICE, List.of(responder), Optional.of(TicketLab.KMS),
                lab.clock.instant(), lab.clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
        PendingTicketRequest request = PendingTicketRequest.start(lab.alice, terms, lab.clock, TicketLab.SKEW, lab.random);
        KmsAnswer answer = lab.kms.ticketRequest(request.requestInit(), Set.of("alice.ims.example.org"));
        IssuedTicket issued = request.complete(answer.mikey());
        return TransferInitiator.start(issued, TicketLab.ALICE, responder, lab.clock, TicketLab.SKEW, lab.random);
    }

    private static String scenario(String sdp, int expectedStatus) {
        String invite = """
                INVITE sip:mrfc@ims.example.org SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:alice@ims.example.org>;tag=[pid]ue[call_number]
                To: <sip:mrfc@ims.example.org>
                Call-ID: [call_id]
                CSeq: 1 INVITE
                Contact: <sip:alice@[local_ip]:[local_port]>
                Max-Forwards: 70
                Content-Type: application/sdp
                Content-Length: [len]

                """ + sdp.replace("\r\n", "\n");
        String ackAndBye = """
                  <send ack_txn="invite">
                    <![CDATA[
                ACK [next_url] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:alice@ims.example.org>;tag=[pid]ue[call_number]
                To: <sip:mrfc@ims.example.org>[peer_tag_param]
                Call-ID: [call_id]
                CSeq: 1 ACK
                Max-Forwards: 70
                Content-Length: 0

                    ]]>
                  </send>
                """;
        String afterOk = expectedStatus == 200 ? ackAndBye + """
                  <send retrans="500" start_txn="bye">
                    <![CDATA[
                BYE [next_url] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:alice@ims.example.org>;tag=[pid]ue[call_number]
                To: <sip:mrfc@ims.example.org>[peer_tag_param]
                Call-ID: [call_id]
                CSeq: 2 BYE
                Max-Forwards: 70
                Content-Length: 0

                    ]]>
                  </send>
                  <recv response="200" response_txn="bye"/>
                """ : ackAndBye.replace("[next_url]", "sip:mrfc@ims.example.org");
        String capture = expectedStatus == 200 ? """
                    <action>
                      <ereg regexp="a=key-mgmt:mikey [A-Za-z0-9+/=]+" search_in="body" check_it="true" assign_to="km"/>
                      <log message="TRANSFER_RESP [$km]"/>
                    </action>
                """ : "";
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="keygate UE: INVITE with a MIKEY-TICKET TRANSFER_INIT">
                  <send retrans="500" start_txn="invite">
                    <![CDATA[
                %s
                    ]]>
                  </send>
                  <recv response="100" optional="true" response_txn="invite"/>
                  <recv response="%d" rrs="true" response_txn="invite">
                %s  </recv>
                %s</scenario>
                """.formatted(invite, expectedStatus, capture, afterOk);
    }

    private String runSipp(Path dir, String scenario) throws Exception {
        Path xml = Files.writeString(dir.resolve("ue.xml"), scenario);
        Path log = dir.resolve("ue.log");
        Process p = new ProcessBuilder("sipp", "-sf", xml.toString(), "-m", "1", "-i", "127.0.0.1", "-p",
                Integer.toString(freeUdpPort()), "-timeout", "30s", "-timeout_error", "-trace_logs", "-log_file",
                log.toString(), "-trace_err", "-error_file", dir.resolve("err.log").toString(), "-trace_msg", "-message_file",
                dir.resolve("messages.log").toString(), "127.0.0.1:" + mrfcPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("screen.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sipp finished").isTrue();
        String errors = (Files.exists(dir.resolve("err.log")) ? Files.readString(dir.resolve("err.log")) : "")
                + Files.readString(dir.resolve("screen.txt"), StandardCharsets.ISO_8859_1);
        assertThat(p.exitValue()).as("sipp exit status (0: the call succeeded); errors:%n%s", errors).isZero();
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String offer(PendingTransfer transfer) {
        return SdpCodec.write(new SecureMediaSdp("alice", 1, 1, "127.0.0.1", Optional.of(transfer.transferInit()), List.of(
                TcpMedia.msrp("127.0.0.1", 45000, Setup.ACTPASS, "msrps://127.0.0.1:45000/alice1;tcp", List.of("text/plain")),
                TcpMedia.bfcp("127.0.0.1", 45001, Setup.ACTPASS, "c-only", 0, 0, List.of()))));
    }

    @Test
    void sippUeGetsAValidTransferResp(@TempDir Path dir) throws Exception {
        PendingTransfer alice = aliceTransfer(TicketLab.MRFC);
        String log = runSipp(dir, scenario(offer(alice), 200));
        Matcher m = Pattern.compile("TRANSFER_RESP a=key-mgmt:mikey ([A-Za-z0-9+/=]+)").matcher(log);
        assertThat(m.find()).as("SIPp logged the TRANSFER_RESP; log:%n%s", log).isTrue();
        EstablishedSession session = alice.complete(Base64.getDecoder().decode(m.group(1)));
        assertThat(session.peerIdentity()).isEqualTo(TicketLab.MRFC);
        assertThat(session.tek().length()).isEqualTo(32);
        assertThat(mrfc.awaitStep(s -> s.startsWith("BYE"), Duration.ofSeconds(10)))
                .as("BYE reached the MRFC; SIPp messages:%n%s", Files.readString(dir.resolve("messages.log"))).isTrue();
        assertThat(mrfc.steps()).anyMatch(s -> s.contains("200 OK with TRANSFER_RESP"))
                .anyMatch(s -> s.contains("MSRP stream") && s.contains("MRFP is TCP SERVER and TLS SERVER"))
                .anyMatch(s -> s.contains("BFCP stream") && s.contains("MRFP is TCP SERVER and TLS SERVER"))
                .noneMatch(s -> s.contains(java.util.HexFormat.of().formatHex(
                        session.tek().toByteArray(org.keygate.crypto.secret.InsecureSecretAccess.get()))));
        assertThat(mrfp.events().await(e -> e.type() == MrfpEvent.Type.TLS_ESTABLISHED, Duration.ofMillis(1))).isEmpty();
    }

    @Test
    void aTransferInitForAnotherResponderGets488(@TempDir Path dir) throws Exception {
        // a ticket whose only responder is Bob (here one the MRFC's mode 3 made: the KMS lets UEs ask only for the MRFC)
        IssuedTicket forBob = org.keygate.ims.mikey.ticket.ModeThreeTickets.create(TicketLab.MRFC, List.of(TicketLab.BOB),
                Optional.of(TicketLab.KMS), Duration.ofMinutes(30), lab.mrfcTpk, lab.clock, lab.random);
        PendingTransfer toBob = TransferInitiator.start(forBob, TicketLab.MRFC, TicketLab.BOB, lab.clock, TicketLab.SKEW,
                lab.random);
        runSipp(dir, scenario(offer(toBob), 488));
        assertThat(mrfc.steps()).anyMatch(s -> s.contains("refused") && s.contains("MIKEY"));
    }

    @Test
    void anOfferWithoutKeyManagementGets488(@TempDir Path dir) throws Exception {
        String plain = SdpCodec.write(new SecureMediaSdp("alice", 1, 1, "127.0.0.1", Optional.empty(), List.of(
                TcpMedia.msrp("127.0.0.1", 45000, Setup.ACTPASS, "msrps://127.0.0.1:45000/alice1;tcp", List.of("text/plain")))));
        runSipp(dir, scenario(plain, 488));
        assertThat(mrfc.steps()).anyMatch(s -> s.contains("without a=key-mgmt"));
        assertThat(new String(plain.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)).doesNotContain("key-mgmt");
    }

    /**
     * Issue 6 "What must hold": fuzzed SDP never crashes the node. 300 INVITEs with mutated SDP bodies (and some raw
     * garbage datagrams) reach the MRFC over UDP; afterwards SIPp's valid call still gets its TRANSFER_RESP.
     */
    @Test
    void mutatedOffersAndGarbageDoNotStopTheMrfc(@TempDir Path dir) throws Exception {
        byte[] sdp = offer(aliceTransfer(TicketLab.MRFC)).getBytes(StandardCharsets.US_ASCII);
        java.util.Random random = new java.util.Random(3261);
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", mrfcPort);
            for (int i = 0; i < 300; i++) {
                byte[] body = sdp.clone();
                for (int e = random.nextInt(5); e >= 0; e--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
                String head = "INVITE sip:mrfc@ims.example.org SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + udp.getLocalPort()
                        + ";branch=z9hG4bK-fuzz" + i + "\r\nFrom: <sip:alice@ims.example.org>;tag=f" + i
                        + "\r\nTo: <sip:mrfc@ims.example.org>\r\nCall-ID: fuzz-" + i + "@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                        + "Contact: <sip:alice@127.0.0.1:" + udp.getLocalPort() + ">\r\nMax-Forwards: 70\r\n"
                        + "Content-Type: application/sdp\r\nContent-Length: " + body.length + "\r\n\r\n";
                byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
                byte[] packet = new byte[head8.length + body.length];
                System.arraycopy(head8, 0, packet, 0, head8.length);
                System.arraycopy(body, 0, packet, head8.length, body.length);
                if (i % 10 == 0) {
                    random.nextBytes(packet);
                }
                udp.send(new java.net.DatagramPacket(packet, packet.length, to));
            }
        }
        PendingTransfer alice = aliceTransfer(TicketLab.MRFC);
        String log = runSipp(dir, scenario(offer(alice), 200));
        Matcher m = Pattern.compile("TRANSFER_RESP a=key-mgmt:mikey ([A-Za-z0-9+/=]+)").matcher(log);
        assertThat(m.find()).isTrue();
        assertThat(alice.complete(Base64.getDecoder().decode(m.group(1))).peerIdentity()).isEqualTo(TicketLab.MRFC);
    }
}
