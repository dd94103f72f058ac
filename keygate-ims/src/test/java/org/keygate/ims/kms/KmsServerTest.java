package org.keygate.ims.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.ErrorPayload;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.ReceivedTransferInit;
import org.keygate.ims.mikey.ticket.TicketLab;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/** The KMS on a loopback port with mutual TLS, its client, and the refusals on the wire. */
class KmsServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static LabCa ca;
    private static LabCa rogueCa;
    private static SSLContext kmsTls;

    private TicketLab lab;
    private KmsServer server;
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        ca = LabCa.create("keygate IMS lab CA", Duration.ofDays(1));
        rogueCa = LabCa.create("rogue CA", Duration.ofDays(1));
        kmsTls = context(ca, "kms.ims.example.org");
    }

    @BeforeEach
    void start() {
        lab = new TicketLab();
        server = KmsServer.start(lab.kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), kmsTls,
                KmsTls.serverParameters(kmsTls));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.close();
    }

    @Test
    void ticketRequestTransferAndResolveOverLoopback() throws Exception {
        KmsClient mrfc = client(ca, "mrfc.ims.example.org");
        KmsClient alice = client(ca, "alice.ims.example.org");
        IssuedTicket issued = get(mrfc.requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE)));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        TransferKeys keys = get(alice.resolveTicket(lab.alice, received.ticket()));
        var responded = received.respond(keys);
        EstablishedSession session = pending.complete(responded.transferResp());
        assertThat(session.tek().equalsSecret(responded.session().tek())).isTrue();
        assertThat(session.peerIdentity()).isEqualTo(TicketLab.ALICE);
    }

    @Test
    void refusalsAreMikeyErrorsAndTheKmsKeepsServing() throws Exception {
        KmsClient mrfc = client(ca, "mrfc.ims.example.org");
        IssuedTicket issued = get(mrfc.requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE)));
        // Bob's certificate, Alice's MIKEY credentials: the TLS identity does not match.
        KmsClient bob = client(ca, "bob.ims.example.org");
        assertMikeyError(bob.resolveTicket(lab.alice, issued.ticket()), ErrorNo.AUTH_FAILURE);
        // Bob as himself: not an authorized responder of this ticket.
        assertMikeyError(bob.resolveTicket(lab.bob, issued.ticket()), ErrorNo.INVALID_ID);

        SbiClientConnection raw = raw(ca, "mrfc.ims.example.org");
        SbiResponse garbage = send(raw, "POST", KmsServer.TICKET_REQUEST_PATH, KmsServer.MEDIA_TYPE, new byte[] {1, 2});
        assertThat(garbage.status()).isEqualTo(400);
        MikeyMessage error = MikeyCodec.decode(garbage.body());
        assertThat(error.dataType()).isEqualTo(DataType.ERROR);
        assertThat(error.first(ErrorPayload.class).orElseThrow().known()).isEqualTo(ErrorNo.UNSPECIFIED_ERROR);
        assertThat(send(raw, "POST", KmsServer.TICKET_REQUEST_PATH, "application/json", new byte[] {1}).status())
                .isEqualTo(415);
        assertThat(send(raw, "POST", "/mikey-ticket/v1/other", KmsServer.MEDIA_TYPE, new byte[] {1}).status())
                .isEqualTo(404);
        assertThat(send(raw, "GET", KmsServer.TICKET_RESOLVE_PATH, KmsServer.MEDIA_TYPE, new byte[0]).status())
                .isEqualTo(405);
        assertThat(send(raw, "POST", KmsServer.TICKET_RESOLVE_PATH, KmsServer.MEDIA_TYPE,
                new byte[MikeyCodec.MAX_MESSAGE_OCTETS + 1]).status()).isEqualTo(413);
        // Still serving.
        assertThat(get(mrfc.requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE))).ticket()).isNotNull();
    }

    @Test
    void aClientUnderAnotherCaIsRefusedByTls() {
        // Under TLS 1.3 the client may finish its handshake before the server refuses its (empty) certificate
        // chain, so the refusal shows either at connect or at the first request; never as a MIKEY answer.
        assertThatThrownBy(() -> get(client(rogueCa, "mrfc.ims.example.org")
                .requestTicket(lab.mrfc, lab.termsFor(TicketLab.ALICE))))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(MikeyException.class));
    }

    private KmsClient client(LabCa issuer, String name) throws Exception {
        KmsClient c = KmsClient.connect(server.localAddress(), "kms.ims.example.org", contextTrusting(issuer, name),
                TIMEOUT, lab.clock, TicketLab.SKEW, lab.random);
        toClose.add(c);
        return c;
    }

    private SbiClientConnection raw(LabCa issuer, String name) throws Exception {
        SSLContext tls = contextTrusting(issuer, name);
        SbiClient client = SbiClient.builder().tls(tls).connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).build();
        toClose.add(client);
        return client.connect(server.localAddress(), KmsTls.clientParameters(tls, "kms.ims.example.org"))
                .get(30, TimeUnit.SECONDS);
    }

    private static SbiResponse send(SbiClientConnection c, String method, String path, String type, byte[] body)
            throws Exception {
        return c.send(new SbiRequest(method, path, SbiHeaders.of("content-type", type), body),
                "kms.ims.example.org", "https").get(30, TimeUnit.SECONDS);
    }

    /** A context with {@code name}'s certificate from {@code issuer}, trusting the lab CA (which signs the KMS). */
    private static SSLContext contextTrusting(LabCa issuer, String name) throws Exception {
        LabCa.Issued own = issuer.issue(List.of(name), List.of());
        return KmsTls.context(new TlsKeyMaterial(own.keyPair().getPrivate(), List.of(own.certificate())),
                List.of(ca.certificate()));
    }

    private static SSLContext context(LabCa issuer, String name) throws Exception {
        LabCa.Issued own = issuer.issue(List.of(name), List.of(InetAddress.getLoopbackAddress()));
        return KmsTls.context(new TlsKeyMaterial(own.keyPair().getPrivate(), List.of(own.certificate())),
                List.of(issuer.certificate()));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void assertMikeyError(CompletableFuture<?> f, ErrorNo expected) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MikeyException.class)
                .satisfies(e -> assertThat(((MikeyException) e).errorNo()).isEqualTo(expected));
    }
}
