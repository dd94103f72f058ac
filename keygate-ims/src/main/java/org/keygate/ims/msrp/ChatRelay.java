package org.keygate.ims.msrp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MSRP side of a chat conference at the MRFP: each participant has an MSRP session with the relay, and a SEND
 * chunk from one is forwarded, chunk by chunk, to every other connected participant. No I/O: the caller passes in
 * decoded messages with the connection they came on and writes out the returned {@link MsrpDelivery}s.
 *
 * <p>Per RFC 4975 the relay is the endpoint of each participant's session: it binds a connection to the session
 * named by the first request's To-Path (7.3; 481 if unknown, 506 if already bound elsewhere), answers each request
 * as its Failure-Report asks (7.2), sends a Success-Report REPORT once a whole message is in when asked (7.3.1), and
 * turns an error response to a forwarded chunk into a failure REPORT to the sender (7.1.2). A connection may also be
 * bound beforehand ({@link #bind}), e.g. to the participant whose TLS pre-shared key authenticated it; a request for
 * another participant's session on it then gets 481.
 *
 * <p>Thread-safe (one lock): the MRFP runs a conference's connections on one event loop (the lock is then never
 * contended), other users may not.
 *
 * @param <C> the connection handle (a Netty channel, or anything in tests)
 */
public final class ChatRelay<C> {
    private static final Logger LOG = LoggerFactory.getLogger(ChatRelay.class);

    private final Map<String, ChatParticipant> participants = new LinkedHashMap<>();
    private final Map<String, C> connectionOf = new HashMap<>();
    private final Map<C, String> participantOf = new HashMap<>();
    private final Map<String, Map<String, ReceivedRanges>> inProgress = new HashMap<>();
    private final Map<String, ForwardedTransactions<Pending>> pending = new HashMap<>();
    private final ChatRelayLimits limits;
    private final MsrpIdents idents;

    /** A forwarded chunk awaiting its response from {@code receiver}. */
    private record Pending(String origin, String messageId, ByteRange range, String failureReport) {
    }

    public ChatRelay(List<ChatParticipant> participants, ChatRelayLimits limits, MsrpIdents idents) {
        for (ChatParticipant p : participants) {
            if (this.participants.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("participant id twice: " + p.id());
            }
        }
        this.limits = limits;
        this.idents = idents;
    }

    /** Adds a participant (a new SIP session joining the conference). */
    public synchronized void add(ChatParticipant participant) {
        if (participants.putIfAbsent(participant.id(), participant) != null) {
            throw new IllegalArgumentException("participant id twice: " + participant.id());
        }
    }

    /** Binds a connection to a participant before any request, e.g. from its TLS-PSK identity. */
    public synchronized void bind(C connection, String participantId) {
        if (!participants.containsKey(participantId)) {
            throw new IllegalArgumentException("no participant " + participantId);
        }
        if (connectionOf.containsKey(participantId)) {
            throw new IllegalStateException("participant " + participantId + " already has a connection");
        }
        connectionOf.put(participantId, connection);
        participantOf.put(connection, participantId);
    }

    /** Forgets a closed connection; its participant may connect again. */
    public synchronized void closed(C connection) {
        String id = participantOf.remove(connection);
        if (id != null) {
            connectionOf.remove(id);
            inProgress.remove(id);
            pending.remove(id);
        }
    }

    public synchronized boolean connected(String participantId) {
        return connectionOf.containsKey(participantId);
    }

    /** Handles one decoded message from {@code connection}; returns what to write where. */
    public synchronized List<MsrpDelivery<C>> receive(C connection, MsrpMessage message) {
        List<MsrpDelivery<C>> out = new ArrayList<>();
        switch (message) {
            case MsrpResponse response -> onResponse(connection, response, out);
            case MsrpRequest request -> onRequest(connection, request, out);
        }
        return out;
    }

    private void onRequest(C connection, MsrpRequest request, List<MsrpDelivery<C>> out) {
        String failureReport = request.header(MsrpHeader.FAILURE_REPORT).orElse("yes");
        Optional<MsrpStatus> refusal = session(connection, request);
        if (refusal.isPresent()) {
            respond(connection, request, refusal.get(), failureReport, out);
            return;
        }
        String origin = participantOf.get(connection);
        switch (request.method()) {
            case MsrpRequest.SEND -> onSend(connection, origin, request, failureReport, out);
            // RFC 4975 7.1.2: REPORT requests are never answered; the relay asks receivers for none, so any it
            // gets concern the receiver's own view and end here
            case MsrpRequest.REPORT -> LOG.debug("REPORT from {} consumed", origin);
            default -> respond(connection, request, MsrpStatus.UNKNOWN_METHOD, failureReport, out);
        }
    }

    /** RFC 4975 7.3 and 5.4 session matching; empty when the request belongs to this connection's session. */
    private Optional<MsrpStatus> session(C connection, MsrpRequest request) {
        if (request.toPath().size() != 1) {
            return Optional.of(MsrpStatus.NO_SUCH_SESSION);
        }
        MsrpUri to = request.toPath().getFirst();
        String bound = participantOf.get(connection);
        if (bound != null) {
            ChatParticipant p = participants.get(bound);
            if (!p.relayUri().sameAs(to)) {
                return Optional.of(MsrpStatus.NO_SUCH_SESSION);
            }
            return p.participantUri().sameAs(request.fromPath().getFirst()) ? Optional.empty()
                    : Optional.of(MsrpStatus.FORBIDDEN);
        }
        ChatParticipant match = participants.values().stream().filter(p -> p.relayUri().sameAs(to)).findFirst()
                .orElse(null);
        if (match == null) {
            return Optional.of(MsrpStatus.NO_SUCH_SESSION);
        }
        if (connectionOf.containsKey(match.id())) {
            return Optional.of(MsrpStatus.SESSION_ALREADY_BOUND);
        }
        if (!match.participantUri().sameAs(request.fromPath().getFirst())) {
            return Optional.of(MsrpStatus.FORBIDDEN);
        }
        connectionOf.put(match.id(), connection);
        participantOf.put(connection, match.id());
        return Optional.empty();
    }

    private void onSend(C connection, String origin, MsrpRequest send, String failureReport,
            List<MsrpDelivery<C>> out) {
        Optional<String> messageId = send.header(MsrpHeader.MESSAGE_ID);
        if (messageId.isEmpty()) {
            // RFC 4975 7.1.1: every SEND carries a Message-ID
            respond(connection, send, MsrpStatus.BAD_REQUEST, failureReport, out);
            return;
        }
        ByteRange range = send.byteRange();
        long lastByte = range.start() - 1 + send.bodyLength();
        if ((range.total() != ByteRange.UNKNOWN && range.total() > limits.maxMessageBytes())
                || lastByte > limits.maxMessageBytes()) {
            respond(connection, send, MsrpStatus.STOP_SENDING, failureReport, out);
            return;
        }
        if (send.contentType().isPresent() && !limits.accepts(send.contentType().get())) {
            respond(connection, send, MsrpStatus.UNSUPPORTED_MEDIA_TYPE, failureReport, out);
            return;
        }
        boolean wantsSuccess = send.header(MsrpHeader.SUCCESS_REPORT).orElse("no").equals("yes");
        Map<String, ReceivedRanges> mine = inProgress.computeIfAbsent(origin, k -> new HashMap<>());
        ReceivedRanges received = mine.get(messageId.get());
        if (wantsSuccess && received == null && send.continuation() != Continuation.ABORT) {
            if (mine.size() >= limits.maxMessagesInProgress()) {
                respond(connection, send, MsrpStatus.STOP_SENDING, failureReport, out);
                return;
            }
            received = new ReceivedRanges();
            mine.put(messageId.get(), received);
        }
        respond(connection, send, MsrpStatus.OK, failureReport, out);
        if (send.contentType().isPresent()) {
            forward(origin, send, messageId.get(), range, failureReport, out);
        }
        if (send.continuation() == Continuation.ABORT) {
            mine.remove(messageId.get());
        } else if (received != null) {
            received.add(range, send.bodyLength(), send.continuation() == Continuation.END);
            if (received.complete()) {
                mine.remove(messageId.get());
                out.add(new MsrpDelivery<>(connection, report(participants.get(origin), messageId.get(),
                        ByteRange.whole(received.total()), MsrpStatus.OK)));
            }
        }
    }

    private void forward(String origin, MsrpRequest send, String messageId, ByteRange range, String failureReport,
            List<MsrpDelivery<C>> out) {
        for (ChatParticipant receiver : participants.values()) {
            C target = connectionOf.get(receiver.id());
            if (receiver.id().equals(origin) || target == null) {
                continue;
            }
            ForwardedTransactions<Pending> toReceiver = pending.computeIfAbsent(receiver.id(),
                    k -> new ForwardedTransactions<>());
            String tid = toReceiver.nextId(send.transactionId(), idents);
            toReceiver.await(tid, new Pending(origin, messageId, range, failureReport), limits.maxPendingTransactions());
            List<MsrpHeader> headers = List.of(new MsrpHeader(MsrpHeader.MESSAGE_ID, messageId),
                    new MsrpHeader(MsrpHeader.BYTE_RANGE, range.toString()),
                    new MsrpHeader(MsrpHeader.SUCCESS_REPORT, "no"),
                    new MsrpHeader(MsrpHeader.FAILURE_REPORT, "yes"));
            out.add(new MsrpDelivery<>(target, new MsrpRequest(tid, MsrpRequest.SEND,
                    List.of(receiver.participantUri()), List.of(receiver.relayUri()), headers, send.contentType(),
                    send.chunkBody(), send.continuation())));
        }
    }

    private void onResponse(C connection, MsrpResponse response, List<MsrpDelivery<C>> out) {
        String receiver = participantOf.get(connection);
        ForwardedTransactions<Pending> fromReceiver = receiver == null ? null : pending.get(receiver);
        Pending p = fromReceiver == null ? null : fromReceiver.answered(response.transactionId());
        if (p == null) {
            LOG.debug("MSRP response {} matches no forwarded chunk; ignored", response.status());
            return;
        }
        C originConnection = connectionOf.get(p.origin());
        if (response.status() / 100 != 2 && !p.failureReport().equals("no") && originConnection != null) {
            // RFC 4975 7.1.2: a failure on the way to a receiver reaches the sender as a REPORT
            out.add(new MsrpDelivery<>(originConnection, report(participants.get(p.origin()), p.messageId(), p.range(),
                    new MsrpReportStatus(0, response.status(), response.comment()))));
        }
    }

    private MsrpRequest report(ChatParticipant to, String messageId, ByteRange range, MsrpStatus status) {
        return report(to, messageId, range, MsrpReportStatus.of(status));
    }

    private MsrpRequest report(ChatParticipant to, String messageId, ByteRange range, MsrpReportStatus status) {
        return new MsrpRequest(idents.next(), MsrpRequest.REPORT, List.of(to.participantUri()), List.of(to.relayUri()),
                List.of(new MsrpHeader(MsrpHeader.MESSAGE_ID, messageId),
                        new MsrpHeader(MsrpHeader.BYTE_RANGE, range.toString()),
                        new MsrpHeader(MsrpHeader.STATUS, status.toString())),
                Optional.empty(), new byte[0], Continuation.END);
    }

    /** RFC 4975 7.2: "no" gets nothing, "partial" only errors, "yes" (the default) everything. */
    private void respond(C connection, MsrpRequest request, MsrpStatus status, String failureReport,
            List<MsrpDelivery<C>> out) {
        if (request.method().equals(MsrpRequest.REPORT) || failureReport.equals("no")
                || (failureReport.equals("partial") && status.isSuccess())) {
            return;
        }
        out.add(new MsrpDelivery<>(connection, MsrpResponse.to(request, status)));
    }
}
