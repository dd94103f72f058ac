package org.keygate.ims.mrfc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.PendingTransfer;
import org.keygate.ims.mikey.ticket.TransferInitiator;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.mrfp.ReservedTermination;
import org.keygate.ims.msrp.ChatRelayLimits;
import org.keygate.ims.sdp.MediaRoles;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SdpException;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.sdp.TcpMediaProto;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The MRFC as session initiator (TS 23.333 5.20.2): it offers MSRP and BFCP with {@code a=setup:actpass} and a
 * TRANSFER_INIT with a single TLS crypto session in {@code a=key-mgmt:mikey} (the ticket from the KMS, or created by
 * the MRFC in mode 3); on the answer it checks that the responder is the UE it invited (else it aborts: ACK, BYE and
 * the MRFP streams released), derives the TEK and configures the MRFP with the roles the answer decided.
 */
final class MrfcInitiator {
    private final Mrfc mrfc;
    private final MrfcConfig config;
    private final MrfpControlClient mrfp;
    private final Clock clock;
    private final Duration skew;
    private final SecureRandom random = new SecureRandom();

    MrfcInitiator(Mrfc mrfc, MrfcConfig config, MrfpControlClient mrfp, Clock clock, Duration skew) {
        this.mrfc = mrfc;
        this.config = config;
        this.mrfp = mrfp;
        this.clock = clock;
        this.skew = skew;
    }

    /** Invites {@code ue} via {@code nextHop}; returns the established session or throws with why it was aborted. */
    EstablishedSession invite(String ue, String nextHop, IssuedTicket ticket, int bfcpUserId) throws Exception {
        PendingTransfer transfer = TransferInitiator.start(ticket, config.identity(), ue, config.tlsProtType(), clock,
                skew, random);
        List<ReservedTermination> streams = new ArrayList<>();
        List<TcpMedia> offered = new ArrayList<>();
        try {
            ReservedTermination msrp = mrfp.reserve(mrfc.conferenceId(), MediaKind.MSRP);
            streams.add(msrp);
            offered.add(TcpMedia.msrp(msrp.host(), msrp.port(), MediaRoles.OFFER, msrp.msrpPath(),
                    List.copyOf(ChatRelayLimits.DEFAULT_CONTENT_TYPES)));
            ReservedTermination bfcp = mrfp.reserve(mrfc.conferenceId(), MediaKind.BFCP);
            streams.add(bfcp);
            offered.add(TcpMedia.bfcp(bfcp.host(), bfcp.port(), MediaRoles.OFFER, "s-only", config.bfcpConferenceId(),
                    bfcpUserId, config.floorIds()));
        } catch (RuntimeException e) {
            streams.forEach(s -> mrfc.releaseQuietly(s.terminationId()));
            throw e;
        }
        SecureMediaSdp offer = new SecureMediaSdp("mrfc", Math.abs(random.nextLong() % 1_000_000_000L), 1,
                offered.getFirst().host(), Optional.of(transfer.transferInit()), offered);
        mrfc.step("INVITE " + ue + " with TRANSFER_INIT (" + transfer.transferInit().length + " octets), a=setup:"
                + MediaRoles.OFFER.sdp());
        ClientTransaction ct = mrfc.sendInvite(ue, nextHop, SdpCodec.write(offer));
        Response r = mrfc.awaitFinal(ct);
        if (r.getStatusCode() != Response.OK) {
            streams.forEach(s -> mrfc.releaseQuietly(s.terminationId()));
            throw new IllegalStateException("INVITE to " + ue + " answered " + r.getStatusCode());
        }
        Dialog dialog = ct.getDialog();
        dialog.sendAck(dialog.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        EstablishedSession session;
        SecureMediaSdp answer;
        try {
            answer = SdpCodec.parse(r.getRawContent() == null ? new byte[0] : r.getRawContent());
            session = transfer.complete(answer.mikey().orElseThrow(() -> new SdpException("answer without a=key-mgmt")));
            if (!session.peerIdentity().equals(ue)) {
                throw new MikeyException(org.keygate.ims.mikey.ErrorNo.INVALID_ID, "responder is not " + ue);
            }
        } catch (MikeyException | SdpException e) {
            // TS 23.333 5.20.2: "If the MRFC notices that the other endpoint is not as expected, the MRFC shall abort"
            mrfc.step("aborted call to " + ue + ": " + e.getMessage());
            mrfc.sendBye(dialog);
            streams.forEach(s -> mrfc.releaseQuietly(s.terminationId()));
            throw new IllegalStateException("call to " + ue + " aborted: " + e.getMessage(), e);
        }
        ExternalPsk psk = new ExternalPsk(config.pskIdentities().identity(session), session.tek());
        mrfc.step("TRANSFER_RESP verified: responder " + session.peerIdentity() + ", TEK for " + psk.identity());
        for (int i = 0; i < streams.size(); i++) {
            ReservedTermination t = streams.get(i);
            TcpMedia theirs = answer.media().get(i);
            TcpMediaProto proto = offered.get(i).proto();
            if (theirs.proto() != proto) {
                throw new SdpException("answer media " + i + " is not " + proto);
            }
            MediaRoles.Roles roles = MediaRoles.roles(proto, true, MediaRoles.OFFER, theirs.setup());
            ConnectionRole tcp = roles.tcpClient() ? ConnectionRole.CLIENT : ConnectionRole.SERVER;
            ConnectionRole tls = roles.tlsClient() ? ConnectionRole.CLIENT : ConnectionRole.SERVER;
            mrfp.configure(t.terminationId(), tcp, tls, psk, theirs.host(), theirs.port(), theirs.msrpPath().orElse(null),
                    proto == TcpMediaProto.BFCP ? bfcpUserId : null);
            mrfc.step(proto + " stream " + t.terminationId() + ": answer a=setup:" + theirs.setup().sdp()
                    + " -> MRFP is TCP " + tcp + " and TLS " + tls);
        }
        mrfc.remember(dialog, streams.stream().map(ReservedTermination::terminationId).toList());
        return session;
    }
}
