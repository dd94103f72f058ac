package org.keygate.cli.ims;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Response;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpMessages;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.mrfc.PskIdentities;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpIdents;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.sdp.MediaRoles;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.sdp.TcpMediaProto;
import org.keygate.ims.ue.UeMediaLink;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.tls.bc.ExternalPsk;

/**
 * One scripted UE of the lab: gets a ticket from the KMS (RFC 6043 mode 1), calls the conference with a TRANSFER_INIT,
 * checks the TRANSFER_RESP (the responder must be the MRFC), and opens its MSRP and BFCP streams to the MRFP with
 * TLS-PSK, the PSK being the TEK. It offers {@code a=setup:active} (RFC 6135 4.2.2: it does not listen).
 */
final class ImsLabUe implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    final String name;
    final String identity;
    private final KmsCredentials credentials;
    private final KmsClient kms;
    private final UeSipClient sip;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();
    final MsrpUri ownPath;
    MsrpUri relayPath;
    long confId;
    int userId;
    UeMediaLink msrp;
    UeMediaLink bfcp;

    ImsLabUe(String name, String identity, KmsCredentials credentials, KmsClient kms, UeSipClient sip, PrintStream out) {
        this.name = name;
        this.identity = identity;
        this.credentials = credentials;
        this.kms = kms;
        this.sip = sip;
        this.out = out;
        this.ownPath = MsrpUri.secure("127.0.0.1:9", name.toLowerCase() + HexFormat.of().formatHex(bytes(4)));
    }

    void join(String mrfc, String kmsIdentity, String mrfcSip) throws Exception {
        Clock clock = Clock.systemUTC();
        TicketTerms terms = new TicketTerms(identity, List.of(mrfc), Optional.of(kmsIdentity), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
        IssuedTicket ticket = kms.requestTicket(credentials, terms).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        step("ticket from the KMS for " + identity + " -> " + mrfc);
        PendingTransfer transfer = TransferInitiator.start(ticket, identity, mrfc, clock, MikeyReplayCache.DEFAULT_SKEW, random);
        SecureMediaSdp offer = new SecureMediaSdp(name.toLowerCase(), 1, 1, "127.0.0.1", Optional.of(transfer.transferInit()),
                List.of(TcpMedia.msrp("127.0.0.1", 9, Setup.ACTIVE, ownPath.toString(), List.of("text/plain")),
                        TcpMedia.bfcp("127.0.0.1", 9, Setup.ACTIVE, "c-only", 0, 0, List.of())));
        step("INVITE " + mrfc + " with TRANSFER_INIT in a=key-mgmt:mikey (" + transfer.transferInit().length + " octets)");
        Response r = sip.invite(mrfc, mrfcSip, SdpCodec.write(offer));
        if (r.getStatusCode() != 200) {
            throw new IllegalStateException(name + ": INVITE answered " + r.getStatusCode());
        }
        SecureMediaSdp answer = SdpCodec.parse(r.getRawContent());
        EstablishedSession session = transfer.complete(answer.mikey().orElseThrow());
        step("200 OK: TRANSFER_RESP verified, responder " + session.peerIdentity() + ", TEK for " + PskIdentities.of(session));
        ExternalPsk psk = new ExternalPsk(PskIdentities.of(session), session.tek());
        for (TcpMedia m : answer.media()) {
            MediaRoles.Roles roles = MediaRoles.roles(m.proto(), true, Setup.ACTIVE, m.setup());
            if (!roles.tcpClient()) {
                throw new IllegalStateException(name + ": the MRFP asked the UE to listen, which this UE does not");
            }
            ConnectionRole tls = roles.tlsClient() ? ConnectionRole.CLIENT : ConnectionRole.SERVER;
            InetSocketAddress to = new InetSocketAddress(m.host(), m.port());
            if (m.proto() == TcpMediaProto.MSRP) {
                relayPath = MsrpUri.parse(m.msrpPath().orElseThrow());
                msrp = UeMediaLink.connect(to, MediaKind.MSRP, tls, psk);
                msrp.awaitTls(WAIT);
            } else {
                confId = m.confId().orElseThrow();
                userId = m.userId().orElseThrow();
                bfcp = UeMediaLink.connect(to, MediaKind.BFCP, tls, psk);
                bfcp.awaitTls(WAIT);
            }
            step(m.proto() + ": TCP to " + to + ", TLS-PSK as " + tls + " established");
        }
    }

    /** RFC 4975 5.4 / RFC 6135 4.2.2: the active side sends a SEND at once to bind the connection. */
    MsrpRequest chat(String text, boolean successReport) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<MsrpHeader> headers = List.of(new MsrpHeader("Message-ID", new MsrpIdents().next()),
                new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length),
                new MsrpHeader("Success-Report", successReport ? "yes" : "no"));
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(relayPath), List.of(ownPath), headers,
                body.length == 0 ? Optional.empty() : Optional.of("text/plain"), body, Continuation.END);
    }

    BfcpMessage floorRequest(int tid, int floor) {
        return new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, confId, tid, userId, List.of(BfcpMessages.floorId(floor)));
    }

    BfcpMessage hello(int tid) {
        return new BfcpMessage(BfcpPrimitive.HELLO, confId, tid, userId, List.of());
    }

    int bye() throws Exception {
        return sip.bye();
    }

    /** The BYE the MRFC sent to end this UE's session (answered 200), if one came within {@code timeout}. */
    Optional<javax.sip.message.Request> awaitBye(Duration timeout) throws InterruptedException {
        return sip.awaitBye(timeout);
    }

    void step(String line) {
        out.println("  " + name + ": " + line);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        if (msrp != null) {
            msrp.close();
        }
        if (bfcp != null) {
            bfcp.close();
        }
        sip.close();
    }
}
