package org.keygate.ims.mrfc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.ModeThreeTickets;
import org.keygate.ims.mikey.ticket.PendingTicketResolve;
import org.keygate.ims.mikey.ticket.ReceivedTransferInit;
import org.keygate.ims.mikey.ticket.RespondedTransfer;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.ims.mikey.ticket.TransferResponder;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.mrfp.Mrfp;
import org.keygate.ims.mrfp.MrfpControlApi;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.ue.UeMediaLink;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The MRFC as initiator: a mode-3 ticket it creates itself, the INVITE with TRANSFER_INIT and a=setup:actpass to a UE
 * (JAIN-SIP) that resolves the ticket through the KMS and answers a=setup:active; the MRFC verifies the TRANSFER_RESP
 * and configures the MRFP, and the UE's streams come up: MSRP with the UE as TCP and TLS client, BFCP with the UE as
 * TCP client but TLS server (RFC 4583 8: the answerer is TLS server). A TRANSFER_RESP that does not verify aborts the call.
 */
class MrfcInitiatorTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final TicketLab lab = new TicketLab();
    private Mrfp mrfp;
    private SbiServer api;
    private Mrfc mrfc;
    private UeSipClient alice;
    private int alicePort;
    private final MsrpUri alicePath = MsrpUri.secure("127.0.0.1:9", "aliceUE");
    private volatile byte[] lastOffer;

    @BeforeEach
    void start() throws Exception {
        mrfp = new Mrfp("127.0.0.1");
        api = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext().handler(new MrfpControlApi(mrfp))
                .build().start();
        MrfpControlClient control = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
        String conference = control.createConference(77, List.of(1));
        TransferResponder unused = new TransferResponder(TicketLab.MRFC, new MikeyReplayCache(TicketLab.SKEW, 100, lab.clock),
                lab.clock, lab.random);
        mrfc = new Mrfc(new MrfcConfig(TicketLab.MRFC, "127.0.0.1", freeUdpPort(), conference, 77, List.of(1)), control,
                ticket -> {
                    throw new AssertionError("not a responder here");
                }, unused, lab.clock).start();
        alicePort = freeUdpPort();
        alice = new UeSipClient(TicketLab.ALICE, "127.0.0.1", alicePort).start();
    }

    @AfterEach
    void stop() {
        alice.close();
        mrfc.close();
        api.close();
        mrfp.close();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Alice's side: resolve through the KMS, answer TRANSFER_RESP with a=setup:active on both media. */
    private CompletableFuture<EstablishedSession> aliceAnswers(boolean tamper) {
        CompletableFuture<EstablishedSession> session = new CompletableFuture<>();
        TransferResponder responder = new TransferResponder(TicketLab.ALICE,
                new MikeyReplayCache(TicketLab.SKEW, 100, lab.clock), lab.clock, lab.random);
        alice.onInvite(body -> {
            lastOffer = body;
            try {
                SecureMediaSdp offer = SdpCodec.parse(body);
                ReceivedTransferInit init = responder.receive(offer.mikey().orElseThrow());
                PendingTicketResolve resolve = PendingTicketResolve.start(lab.alice, init.ticket(), lab.clock, TicketLab.SKEW, lab.random);
                KmsAnswer kms = lab.kms.ticketResolve(resolve.resolveInit(), Set.of("alice.ims.example.org"));
                RespondedTransfer resp = init.respond(resolve.complete(kms.mikey()));
                byte[] wire = resp.transferResp();
                if (tamper) {
                    wire[wire.length - 1] ^= 1;
                }
                session.complete(resp.session());
                TcpMedia msrp = offer.media().get(0);
                TcpMedia bfcp = offer.media().get(1);
                return new UeSipClient.Answer(200, SdpCodec.write(new SecureMediaSdp("alice", 2, 1, "127.0.0.1", Optional.of(wire),
                        List.of(TcpMedia.msrp("127.0.0.1", 9, Setup.ACTIVE, alicePath.toString(), List.of("text/plain")),
                                TcpMedia.bfcp("127.0.0.1", 9, Setup.ACTIVE, "c-only", bfcp.confId().orElseThrow(),
                                        bfcp.userId().orElseThrow(), List.of())))));
            } catch (Exception e) {
                session.completeExceptionally(e);
                return new UeSipClient.Answer(488, null);
            }
        });
        return session;
    }

    private IssuedTicket modeThree() {
        return ModeThreeTickets.create(TicketLab.MRFC, List.of(TicketLab.ALICE), Optional.of(TicketLab.KMS),
                Duration.ofMinutes(30), lab.mrfcTpk, lab.clock, lab.random);
    }

    @Test
    void mrfcInvitesAUeAndBothStreamsComeUpWithTheRolesOfTheAnswer() throws Exception {
        CompletableFuture<EstablishedSession> aliceSession = aliceAnswers(false);
        EstablishedSession mrfcSession = mrfc.invite(TicketLab.ALICE, "127.0.0.1:" + alicePort, modeThree());
        EstablishedSession ue = aliceSession.get(15, TimeUnit.SECONDS);
        assertThat(mrfcSession.peerIdentity()).isEqualTo(TicketLab.ALICE);
        assertThat(mrfcSession.tek().equalsSecret(ue.tek())).isTrue();
        assertThat(mrfc.steps()).anyMatch(s -> s.startsWith("MSRP stream") && s.endsWith("MRFP is TCP SERVER and TLS SERVER"))
                .anyMatch(s -> s.startsWith("BFCP stream") && s.endsWith("MRFP is TCP SERVER and TLS CLIENT"));

        ExternalPsk psk = new ExternalPsk(PskIdentities.of(ue), ue.tek());
        SecureMediaSdp offer = SdpCodec.parse(lastOffer);
        TcpMedia msrpOffer = offer.media().get(0);
        TcpMedia bfcpOffer = offer.media().get(1);
        try (UeMediaLink msrp = UeMediaLink.connect(new InetSocketAddress(msrpOffer.host(), msrpOffer.port()), MediaKind.MSRP,
                ConnectionRole.CLIENT, psk);
                UeMediaLink bfcp = UeMediaLink.connect(new InetSocketAddress(bfcpOffer.host(), bfcpOffer.port()), MediaKind.BFCP,
                        ConnectionRole.SERVER, psk)) {
            msrp.awaitTls(WAIT);
            bfcp.awaitTls(WAIT);
            msrp.send(new MsrpRequest("bind1234", "SEND", List.of(MsrpUri.parse(msrpOffer.msrpPath().orElseThrow())),
                    List.of(alicePath), List.of(new MsrpHeader("Message-ID", "bindmsg1"), new MsrpHeader("Byte-Range", "1-0/0")),
                    Optional.empty(), new byte[0], Continuation.END));
            assertThat(((MsrpResponse) msrp.next(WAIT)).status()).isEqualTo(200);
            bfcp.send(new BfcpMessage(BfcpPrimitive.HELLO, 77, 1, bfcpOffer.userId().orElseThrow(), List.of()));
            assertThat(((BfcpMessage) bfcp.next(WAIT)).primitive()).contains(BfcpPrimitive.HELLO_ACK);
        }
    }

    @Test
    void aTransferRespThatDoesNotVerifyAbortsTheCall() throws Exception {
        aliceAnswers(true);
        assertThatThrownBy(() -> mrfc.invite(TicketLab.ALICE, "127.0.0.1:" + alicePort, modeThree()))
                .hasMessageContaining("aborted");
        assertThat(mrfc.steps()).anyMatch(s -> s.startsWith("aborted call to " + TicketLab.ALICE));
    }
}
