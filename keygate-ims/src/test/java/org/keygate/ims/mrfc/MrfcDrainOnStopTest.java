package org.keygate.ims.mrfc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sip.header.ReasonHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.MikeyReplayCache;
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
import org.keygate.ims.mrfp.MrfpMediaSettings;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.sbi.server.SbiServer;

/**
 * The MRFC's draining stop (issue 18, docs/IMS.md "Stopping"), with UEs on JAIN-SIP, the MRFP's control API on
 * loopback and the KMS in the test: an INVITE in progress at the stop (held while its ticket is resolved) gets its 200
 * with a TRANSFER_RESP that verifies, an INVITE after it gets 503 with Retry-After, the UE's BYE during the drain is
 * answered and ends it; a call still up when the drain times out gets a BYE with Reason 503 and its MRFP streams are
 * released.
 */
class MrfcDrainOnStopTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final TicketLab lab = new TicketLab();
    private final SimpleMeterRegistry mrfpMeters = new SimpleMeterRegistry();
    private final SimpleMeterRegistry mrfcMeters = new SimpleMeterRegistry();
    private final CountDownLatch atTheKms = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;
    private Mrfp mrfp;
    private SbiServer api;
    private Mrfc mrfc;
    private int mrfcPort;
    private UeSipClient alice;
    private UeSipClient bob;

    @BeforeEach
    void start() throws Exception {
        mrfp = new Mrfp(MrfpMediaSettings.ephemeral("127.0.0.1"), mrfpMeters);
        api = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler(new MrfpControlApi(mrfp)).build().start();
        MrfpControlClient control = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
        String conference = control.createConference(77, List.of(1));
        mrfcPort = freeUdpPort();
        TicketResolver viaKms = ticket -> {
            if (hold) {
                atTheKms.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            PendingTicketResolve p = PendingTicketResolve.start(lab.mrfc, ticket, lab.clock, TicketLab.SKEW, lab.random);
            KmsAnswer answer = lab.kms.ticketResolve(p.resolveInit(), Set.of("mrfc.ims.example.org"));
            return p.complete(answer.mikey());
        };
        TransferResponder responder = new TransferResponder(TicketLab.MRFC,
                new MikeyReplayCache(TicketLab.SKEW, 1000, lab.clock), lab.clock, lab.random);
        mrfc = new Mrfc(new MrfcConfig(TicketLab.MRFC, "127.0.0.1", mrfcPort, conference, 77, List.of(1)), control,
                viaKms, responder, lab.clock).meters(mrfcMeters).start();
        alice = new UeSipClient(TicketLab.ALICE, "127.0.0.1", freeUdpPort()).start();
        bob = new UeSipClient(TicketLab.BOB, "127.0.0.1", freeUdpPort()).start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        alice.close();
        bob.close();
        mrfc.close();
        api.close();
        mrfp.close();
    }

    @Test
    void anInviteInProgressAtTheStopIsAnsweredAndNewOnesGet503() throws Exception {
        hold = true;
        PendingTransfer aliceTransfer = transfer(lab.alice.identity(), "alice.ims.example.org");
        CompletableFuture<Response> aliceInvite = CompletableFuture.supplyAsync(() -> invite(alice, aliceTransfer));
        assertThat(atTheKms.await(30, TimeUnit.SECONDS)).as("Alice's INVITE is resolving its ticket").isTrue();

        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> mrfc.drain(Duration.ofMinutes(2)));
        for (int i = 0; i < 500 && !mrfc.stopping(); i++) {
            Thread.sleep(10);
        }
        assertThat(mrfc.stopping()).as("the drain began").isTrue();
        PendingTransfer bobTransfer = transfer(lab.bob.identity(), "bob.ims.example.org");
        CompletableFuture<Response> bobInvite = CompletableFuture.supplyAsync(() -> invite(bob, bobTransfer));
        assertThat(drained).as("the stop waits for Alice's INVITE").isNotDone();

        release.countDown();
        Response ok = aliceInvite.get(30, TimeUnit.SECONDS);
        assertThat(ok.getStatusCode()).as("Alice's INVITE, in progress at the stop").isEqualTo(200);
        SecureMediaSdp answer = SdpCodec.parse(ok.getRawContent());
        assertThat(aliceTransfer.complete(answer.mikey().orElseThrow()).peerIdentity())
                .as("its TRANSFER_RESP verifies").isEqualTo(TicketLab.MRFC);

        Response refused = bobInvite.get(30, TimeUnit.SECONDS);
        assertThat(refused.getStatusCode()).as("Bob's INVITE, after the stop began").isEqualTo(503);
        assertThat(((RetryAfterHeader) refused.getHeader(RetryAfterHeader.NAME)).getRetryAfter())
                .isEqualTo(Mrfc.RETRY_AFTER_SECONDS);

        assertThat(drained).as("the drain lets Alice's call run").isNotDone();
        assertThat(alice.bye()).as("Alice hangs up during the drain").isEqualTo(200);
        assertThat(drained.get(30, TimeUnit.SECONDS)).as("calls the stop ended itself").isZero();
        assertThat(mrfpMeters.get("keygate.ims.mrfp.terminations").gauge().value()).isZero();
    }

    @Test
    void aCallStillUpAtTheDrainTimeoutGetsAByeAndItsStreamsAreReleased() throws Exception {
        Response ok = invite(alice, transfer(lab.alice.identity(), "alice.ims.example.org"));
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(mrfpMeters.get("keygate.ims.mrfp.terminations").gauge().value()).isEqualTo(2);

        assertThat(mrfc.drain(Duration.ofMillis(200))).as("calls the stop ended itself").isEqualTo(1);
        Optional<Request> bye = alice.awaitBye(WAIT);
        assertThat(bye).as("the MRFC's BYE").isPresent();
        ReasonHeader reason = (ReasonHeader) bye.get().getHeader(ReasonHeader.NAME);
        assertThat(reason.getCause()).isEqualTo(503);
        assertThat(reason.getText()).isEqualTo("MRFC stopping");
        assertThat(mrfpMeters.get("keygate.ims.mrfp.terminations").gauge().value()).as("MRFP streams released")
                .isZero();
        assertThat(mrfcMeters.get("keygate.ims.mrfc.calls.ended").tag("reason", "stopping").counter().count())
                .isEqualTo(1);
    }

    /** The UE asks the KMS for a ticket to the MRFC and builds the TRANSFER_INIT (RFC 6043 mode 1). */
    private PendingTransfer transfer(String ue, String tlsName) throws Exception {
        var credentials = ue.equals(TicketLab.ALICE) ? lab.alice : lab.bob;
        TicketTerms terms = new TicketTerms(ue, List.of(TicketLab.MRFC), Optional.of(TicketLab.KMS),
                lab.clock.instant(), lab.clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
        PendingTicketRequest request = PendingTicketRequest.start(credentials, terms, lab.clock, TicketLab.SKEW,
                lab.random);
        IssuedTicket issued = request.complete(lab.kms.ticketRequest(request.requestInit(), Set.of(tlsName)).mikey());
        return TransferInitiator.start(issued, ue, TicketLab.MRFC, lab.clock, TicketLab.SKEW, lab.random);
    }

    private Response invite(UeSipClient ue, PendingTransfer transfer) {
        SecureMediaSdp offer = new SecureMediaSdp("ue", 1, 1, "127.0.0.1", Optional.of(transfer.transferInit()),
                List.of(TcpMedia.msrp("127.0.0.1", 9, Setup.ACTIVE, "msrps://127.0.0.1:9/ue1;tcp",
                        List.of("text/plain")), TcpMedia.bfcp("127.0.0.1", 9, Setup.ACTIVE, "c-only", 0, 0, List.of())));
        try {
            return ue.invite(TicketLab.MRFC, "127.0.0.1:" + mrfcPort, SdpCodec.write(offer));
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
