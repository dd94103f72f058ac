package org.keygate.ims.mrfc;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.EstablishedSession;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.ReceivedTransferInit;
import org.keygate.ims.mikey.ticket.RespondedTransfer;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.keygate.ims.mikey.ticket.TransferResponder;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.mrfp.ReservedTermination;
import org.keygate.ims.msrp.ChatRelayLimits;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.ims.sdp.MediaRoles;
import org.keygate.ims.sdp.SdpCodec;
import org.keygate.ims.sdp.SdpException;
import org.keygate.ims.sdp.SecureMediaSdp;
import org.keygate.ims.sdp.Setup;
import org.keygate.ims.sdp.TcpMedia;
import org.keygate.ims.sdp.TcpMediaProto;
import org.keygate.tls.bc.ExternalPsk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MRFC as a SIP user agent on JAIN-SIP (UDP or TCP). Initiator side: {@link #invite} (see {@link MrfcInitiator}).
 * Responder side of TS 23.333 5.20.2: for an INVITE whose SDP offer
 * carries a TRANSFER_INIT in {@code a=key-mgmt:mikey} (RFC 4567) it checks that the TRANSFER_INIT names the From URI
 * as initiator and this MRFC as responder (authorization, with the ticket's IDRr list), resolves the ticket through
 * the KMS ({@link TicketResolver}), answers with TRANSFER_RESP in the SDP answer, decides TCP and TLS roles per stream
 * ({@link MediaRoles}), and reserves and configures the MRFP's streams with the TEK as PSK. BYE releases them.
 *
 * <p>Refusals: an SDP it cannot read or without MIKEY gets 488 Not Acceptable Here; a MIKEY refusal gets 488 with a
 * Warning carrying the MIKEY error; a From that is not the ticket's initiator gets 403; an MRFP failure 500. Nothing
 * is logged or sent that holds key material.
 */
public final class Mrfc implements SipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mrfc.class);
    /** RFC 3261 20.43: warn-code 399 "miscellaneous warning". */
    private static final int WARN_CODE = 399;
    /** RFC 3326 Reason cause of the BYE after an MRFP loss: 503 Service Unavailable, the media resource is gone. */
    static final int MRFP_LOST_CAUSE = 503;
    /** RFC 3326 Reason cause of the BYE a draining stop sends: 503 Service Unavailable, this MRFC is going away. */
    static final int STOPPING_CAUSE = 503;
    /** RFC 3261 20.33 Retry-After of the 503 to INVITEs during a stop: about a restart's time. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final MrfcConfig config;
    private final MrfpControlClient mrfp;
    private final TicketResolver resolver;
    private final TransferResponder responder;
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextUserId = new AtomicInteger(1);
    /** Calls holding MRFP streams, by Call-ID. */
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** INVITEs and BYEs being worked on, and the gate a draining stop closes to INVITEs. */
    private final SipRequestsInProgress inProgress = new SipRequestsInProgress();
    /** The conference streams are reserved in: fixed, or the {@link MrfpSupervisor}'s (new after an MRFP restart). */
    private volatile java.util.function.Supplier<String> conference;
    private final List<String> log = new ArrayList<>();
    private SipStack stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private AddressFactory addresses;

    private io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private final Map<ClientTransaction, CompletableFuture<Response>> outgoing = new ConcurrentHashMap<>();
    private final MrfcInitiator initiator;

    public Mrfc(MrfcConfig config, MrfpControlClient mrfp, TicketResolver resolver, TransferResponder responder) {
        this(config, mrfp, resolver, responder, Clock.systemUTC());
    }

    /** @param clock for the MIKEY timestamps of the calls this MRFC initiates */
    public Mrfc(MrfcConfig config, MrfpControlClient mrfp, TicketResolver resolver, TransferResponder responder,
            Clock clock) {
        this.config = config;
        this.mrfp = mrfp;
        this.resolver = resolver;
        this.responder = responder;
        this.conference = config::mrfpConferenceId;
        this.initiator = new MrfcInitiator(this, config, mrfp, clock, MikeyReplayCache.DEFAULT_SKEW);
    }

    /** A call with MRFP streams: its SIP dialog (to end it) and the MRFP terminations (to release them). */
    private record Call(Dialog dialog, List<String> terminations) {
    }

    /**
     * Takes the conference from {@code supervisor} and ends every call with BYE when it reports the MRFP lost; call
     * before {@link #start}.
     */
    public Mrfc supervisedBy(MrfpSupervisor supervisor) {
        this.conference = supervisor::conferenceId;
        supervisor.onLost(this::mrfpLost);
        return this;
    }

    /** The conference new streams are reserved in; throws while the MRFP is lost. */
    String conferenceId() {
        return conference.get();
    }

    /**
     * The MRFP is gone and with it the media of every call (TS 23.333 5.20.2 gives the MRFC the calls' control): each
     * UE gets a BYE whose Reason (RFC 3326) says why, so its session ends instead of waiting on dead TCP
     * connections. The terminations are not released: the MRFP that held them is not there.
     */
    private void mrfpLost(String reason) {
        endCalls(MRFP_LOST_CAUSE, "MRFP lost", false, "mrfp_lost");
    }

    /**
     * Ends every call with a BYE carrying {@code Reason: SIP;cause=...;text="why"} (RFC 3326), then, if
     * {@code release}, frees its MRFP streams (after the BYE: RFC 4975 5.4, a connection is not closed under a live
     * session); counted as {@code keygate_ims_mrfc_calls_ended_total{reason}}. Returns how many.
     */
    private int endCalls(int cause, String why, boolean release, String reason) {
        int ended = 0;
        for (String callId : List.copyOf(calls.keySet())) {
            Call call = calls.remove(callId);
            if (call == null) {
                continue;
            }
            try {
                sendBye(call.dialog(), cause, why);
                step("BYE " + callId + " sent to " + call.dialog().getRemoteParty().getURI() + ": " + why);
            } catch (Exception e) {
                step("BYE " + callId + " could not be sent: " + e.getMessage());
            }
            if (release) {
                call.terminations().forEach(this::releaseQuietly);
            }
            meters.counter("keygate.ims.mrfc.calls.ended", "reason", reason).increment();
            ended++;
        }
        return ended;
    }

    /** Whether a draining stop has begun (INVITEs are refused from then on). */
    public boolean stopping() {
        return inProgress.closed();
    }

    /**
     * The first half of a draining stop (issue 18, docs/IMS.md "Stopping"); {@link #close} is the second. New INVITEs
     * get 503 with Retry-After (RFC 3261 21.5.4: the UE may try again, or another MRFC); the INVITEs in progress
     * (resolving their ticket at the KMS, reserving MRFP streams) get their final answer, and calls may end as usual
     * with the UE's BYE, for at most {@code timeout} together. Then every call still up gets a BYE with
     * {@code Reason: SIP;cause=503;text="MRFC stopping"} and its MRFP streams are released: a restarted MRFC would not
     * know them, and the MRFP would keep them. Returns the number of calls so ended.
     */
    public int drain(java.time.Duration timeout) {
        long deadline = SipRequestsInProgress.deadline(timeout);
        long start = System.nanoTime();
        inProgress.close();
        int atStart = inProgress.count();
        LOG.info("MRFC {} stopping: new INVITEs get 503; {} INVITE(s) or BYE(s) in progress and {} call(s) may finish"
                + " for at most {}", config.identity(), atStart, calls.size(), timeout);
        if (!inProgress.awaitNone(deadline)) {
            LOG.warn("MRFC {} stopping: {} of {} INVITE(s) or BYE(s) in progress at the stop still unanswered after"
                    + " the drain timeout ({}); the SIP stack closes under them", config.identity(),
                    inProgress.count(), atStart, timeout);
        }
        // a BYE in progress has already taken its call out of the table: wait for its answer too
        SipRequestsInProgress.await(() -> calls.isEmpty() && inProgress.count() == 0, deadline);
        int ended = endCalls(STOPPING_CAUSE, "MRFC stopping", true, "stopping");
        LOG.info("MRFC {} stopping: drained after {} ms; {} call(s) ended with BYE", config.identity(),
                (System.nanoTime() - start) / 1_000_000, ended);
        return ended;
    }

    /**
     * Calls a UE as session initiator (TS 23.333 5.20.2) with {@code ticket} (from the KMS, or
     * {@link org.keygate.ims.mikey.ticket.ModeThreeTickets} for mode 3); returns once the MRFP is configured, or
     * throws when the UE refused or was not the expected responder (the call is then ended).
     *
     * @param nextHop {@code host:port} where the UE receives SIP
     */
    public EstablishedSession invite(String ue, String nextHop, IssuedTicket ticket) throws Exception {
        return initiator.invite(ue, nextHop, ticket, nextUserId.getAndIncrement());
    }

    ClientTransaction sendInvite(String ue, String nextHop, String sdp) throws Exception {
        Request invite = messages.createRequest(addresses.createURI("sip:" + ue.substring(4, ue.indexOf('@')) + "@" + nextHop),
                Request.INVITE, provider.getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(addresses.createAddress(config.identity()), HexFormat.of().formatHex(randomBytes(6))),
                headers.createToHeader(addresses.createAddress(ue), null),
                List.of(headers.createViaHeader(config.sipHost(), config.sipPort(), config.transport().name().toLowerCase(java.util.Locale.ROOT), null)),
                headers.createMaxForwardsHeader(70), headers.createContentTypeHeader("application", "sdp"),
                sdp.getBytes(StandardCharsets.US_ASCII));
        invite.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createSipURI(
                config.identity().substring(4, config.identity().indexOf('@')), config.sipHost() + ":" + config.sipPort()))));
        ClientTransaction ct = provider.getNewClientTransaction(invite);
        outgoing.put(ct, new CompletableFuture<>());
        ct.sendRequest();
        return ct;
    }

    Response awaitFinal(ClientTransaction ct) throws Exception {
        try {
            return outgoing.get(ct).get(15, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            outgoing.remove(ct);
        }
    }

    void sendBye(Dialog dialog) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
        dialog.sendRequest(ct);
    }

    /** A BYE with {@code Reason: SIP;cause=...;text="..."} (RFC 3326 2). */
    private void sendBye(Dialog dialog, int cause, String text) throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        bye.addHeader(headers.createReasonHeader("SIP", cause, text));
        dialog.sendRequest(provider.getNewClientTransaction(bye));
    }

    void remember(Dialog dialog, List<String> terminations) {
        calls.put(dialog.getCallId().getCallId(), new Call(dialog, terminations));
    }

    /**
     * Registers {@code keygate_ims_mrfc_invites_total{status}} (final answers to INVITEs) and the gauge
     * {@code keygate_ims_mrfc_sessions} (calls with MRFP streams); call before {@link #start}.
     */
    public Mrfc meters(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = registry;
        registry.gauge("keygate.ims.mrfc.sessions", calls, Map::size);
        return this;
    }

    /** Calls with MRFP streams now. */
    public int sessions() {
        return calls.size();
    }

    /** Creates the SIP stack and listens (UDP or TCP on the configured host and port). */
    public Mrfc start() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "keygate-mrfc-" + HexFormat.of().formatHex(randomBytes(4)));
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        // RFC 3261 18.1.1: bounded message size for UDP
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        stack = factory.createSipStack(p);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        ListeningPoint lp = stack.createListeningPoint(config.sipHost(), config.sipPort(),
                config.transport() == MrfcConfig.SipTransport.TCP ? ListeningPoint.TCP : ListeningPoint.UDP);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        stack.start();
        return this;
    }

    /** What the MRFC did, one line per step (for the lab and tests): never key material. */
    public List<String> steps() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Waits (bounded) until a step matches; SIP runs on the stack's threads. */
    public boolean awaitStep(java.util.function.Predicate<String> wanted, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (log.stream().noneMatch(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(log, left);
            }
            return true;
        }
    }

    void step(String line) {
        LOG.info(line);
        synchronized (log) {
            log.add(line);
            log.notifyAll();
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            ServerTransaction st = event.getServerTransaction();
            switch (request.getMethod()) {
                case Request.INVITE -> inviteUnlessStopping(request,
                        st != null ? st : provider.getNewServerTransaction(request));
                case Request.ACK -> step("ACK received for call " + callId(request));
                case Request.BYE -> {
                    inProgress.admit();
                    try {
                        bye(request, st != null ? st : provider.getNewServerTransaction(request));
                    } finally {
                        inProgress.done();
                    }
                }
                case Request.CANCEL, Request.OPTIONS -> respond(st != null ? st : provider.getNewServerTransaction(request),
                        request, Response.OK, null, null);
                default -> respond(st != null ? st : provider.getNewServerTransaction(request), request,
                        Response.NOT_IMPLEMENTED, null, null);
            }
        } catch (Exception e) {
            LOG.info("SIP {} not handled: {}", request.getMethod(), e.toString());
        }
    }

    private void inviteUnlessStopping(Request request, ServerTransaction st) throws Exception {
        if (!inProgress.admitInvite()) {
            step("refused " + callId(request) + ": the MRFC is stopping");
            Response r = response(request, Response.SERVICE_UNAVAILABLE, "MRFC stopping");
            r.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
            send(st, request, r);
            return;
        }
        try {
            invite(request, st);
        } finally {
            inProgress.done();
        }
    }

    private void invite(Request request, ServerTransaction st) throws Exception {
        String callId = callId(request);
        String from = uri(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        String to = uri(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString());
        step("INVITE " + callId + " from " + from + " to " + to);
        SecureMediaSdp offer;
        byte[] transferInit;
        try {
            offer = SdpCodec.parse(request.getRawContent() == null ? new byte[0] : request.getRawContent());
            transferInit = offer.mikey().orElseThrow(() -> new SdpException("offer without a=key-mgmt:mikey (RFC 4567)"));
        } catch (SdpException e) {
            step("refused " + callId + ": " + e.getMessage());
            respond(st, request, Response.NOT_ACCEPTABLE_HERE, e.getMessage(), null);
            return;
        }
        RespondedTransfer transfer;
        try {
            ReceivedTransferInit received = responder.receive(transferInit);
            if (!received.initiator().equals(from)) {
                // TS 23.333 5.20.2: the identities are those of the SIP From and To headers
                step("refused " + callId + ": TRANSFER_INIT initiator is not the From URI");
                respond(st, request, Response.FORBIDDEN, "MIKEY initiator does not match From", null);
                return;
            }
            step("TRANSFER_INIT accepted: initiator " + received.initiator() + ", responder " + config.identity()
                    + " authorized by the ticket");
            TransferKeys keys = resolver.resolve(received.ticket());
            step("ticket resolved through the KMS");
            transfer = received.respond(keys);
        } catch (MikeyException e) {
            step("refused " + callId + ": MIKEY " + e.errorNo() + " (" + e.getMessage() + ")");
            respond(st, request, Response.NOT_ACCEPTABLE_HERE, "MIKEY error " + e.errorNo(), null);
            return;
        }
        ExternalPsk psk = new ExternalPsk(config.pskIdentities().identity(transfer.session()), transfer.session().tek());
        step("TEK derived for crypto session " + psk.identity() + " (PSK fingerprint "
                + transfer.session().tek().sha256Fingerprint().substring(0, 16) + ")");
        SecureMediaSdp answer;
        List<String> terminations = new ArrayList<>();
        try {
            answer = answer(offer, transfer.transferResp(), psk, terminations);
        } catch (SdpException e) {
            terminations.forEach(this::releaseQuietly);
            step("refused " + callId + ": " + e.getMessage());
            respond(st, request, Response.NOT_ACCEPTABLE_HERE, e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            terminations.forEach(this::releaseQuietly);
            step("MRFP failed for " + callId + ": " + e.getMessage());
            respond(st, request, Response.SERVER_INTERNAL_ERROR, "MRFP unavailable", null);
            return;
        }
        calls.put(callId, new Call(st.getDialog(), terminations));
        step("200 OK with TRANSFER_RESP sent for " + callId);
        respond(st, request, Response.OK, null, SdpCodec.write(answer));
    }

    private SecureMediaSdp answer(SecureMediaSdp offer, byte[] transferResp, ExternalPsk psk, List<String> terminations) {
        List<TcpMedia> media = new ArrayList<>();
        for (TcpMedia m : offer.media()) {
            MediaKind kind = m.proto() == TcpMediaProto.MSRP ? MediaKind.MSRP : MediaKind.BFCP;
            Setup ours = MediaRoles.answer(m.proto(), m.setup());
            MediaRoles.Roles roles = MediaRoles.roles(m.proto(), false, m.setup(), ours);
            ReservedTermination t = mrfp.reserve(conferenceId(), kind);
            terminations.add(t.terminationId());
            ConnectionRole tcp = roles.tcpClient() ? ConnectionRole.CLIENT : ConnectionRole.SERVER;
            ConnectionRole tls = roles.tlsClient() ? ConnectionRole.CLIENT : ConnectionRole.SERVER;
            InetSocketAddress remote = remote(m);
            if (kind == MediaKind.MSRP) {
                mrfp.configure(t.terminationId(), tcp, tls, psk, remote.getHostString(), remote.getPort(),
                        m.msrpPath().orElseThrow(), null);
                media.add(TcpMedia.msrp(t.host(), t.port(), ours, t.msrpPath(),
                        List.copyOf(ChatRelayLimits.DEFAULT_CONTENT_TYPES)));
            } else {
                int userId = nextUserId.getAndIncrement();
                mrfp.configure(t.terminationId(), tcp, tls, psk, remote.getHostString(), remote.getPort(), null, userId);
                // RFC 4583 4-6: the floor control server gives the conference, the client's User ID and the floors
                media.add(TcpMedia.bfcp(t.host(), t.port(), ours, "s-only", config.bfcpConferenceId(), userId,
                        config.floorIds()));
            }
            step(kind + " stream " + t.terminationId() + ": offer a=setup:" + m.setup().sdp() + ", answer a=setup:"
                    + ours.sdp() + " -> MRFP is TCP " + tcp + " and TLS " + tls);
        }
        return new SecureMediaSdp("mrfc", Math.abs(random.nextLong() % 1_000_000_000L), 1,
                media.getFirst().host(), Optional.of(transferResp), media);
    }

    /** RFC 4975 6 (MSRP: the a=path URI's authority) or the c=/m= address (BFCP). */
    private static InetSocketAddress remote(TcpMedia m) {
        if (m.msrpPath().isPresent()) {
            String authority = MsrpUri.parse(m.msrpPath().get()).authority();
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                throw new SdpException("a=path URI without a port");
            }
            return InetSocketAddress.createUnresolved(authority.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(authority.substring(colon + 1)));
        }
        return InetSocketAddress.createUnresolved(m.host(), m.port());
    }

    private void bye(Request request, ServerTransaction st) throws Exception {
        // a BYE for a call this MRFC initiated or answered alike
        String callId = callId(request);
        Call call = calls.remove(callId);
        if (call == null) {
            respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, null);
            return;
        }
        call.terminations().forEach(this::releaseQuietly);
        step("BYE " + callId + ": MRFP streams released");
        respond(st, request, Response.OK, null, null);
    }

    void releaseQuietly(String terminationId) {
        try {
            mrfp.release(terminationId);
        } catch (RuntimeException e) {
            LOG.info("release of {} failed: {}", terminationId, e.getMessage());
        }
    }

    private void respond(ServerTransaction st, Request request, int status, String warning, String sdp) throws Exception {
        Response r = response(request, status, warning);
        if (status == Response.OK && request.getMethod().equals(Request.INVITE)) {
            SipURI contact = addresses.createSipURI(config.identity().substring(4, config.identity().indexOf('@')),
                    config.sipHost() + ":" + config.sipPort());
            r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        }
        if (sdp != null) {
            r.setContent(sdp.getBytes(StandardCharsets.US_ASCII), headers.createContentTypeHeader("application", "sdp"));
        }
        send(st, request, r);
    }

    private Response response(Request request, int status, String warning) throws Exception {
        Response r = messages.createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null && status >= 200 && !request.getMethod().equals(Request.CANCEL)) {
            to.setTag(HexFormat.of().formatHex(randomBytes(6)));
        }
        if (warning != null) {
            r.addHeader(headers.createWarningHeader(config.sipHost(), WARN_CODE, warning));
        }
        return r;
    }

    private void send(ServerTransaction st, Request request, Response r) throws Exception {
        st.sendResponse(r);
        if (request.getMethod().equals(Request.INVITE) && r.getStatusCode() >= 200) {
            meters.counter("keygate.ims.mrfc.invites", "status", Integer.toString(r.getStatusCode())).increment();
        }
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** The URI without parameters or angle brackets: {@code sip:user@host}. */
    static String uri(String text) {
        String u = text.startsWith("<") ? text.substring(1, text.indexOf('>')) : text;
        int semi = u.indexOf(';');
        return semi < 0 ? u : u.substring(0, semi);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        CompletableFuture<Response> f = event.getClientTransaction() == null ? null : outgoing.get(event.getClientTransaction());
        if (f != null && event.getResponse().getStatusCode() >= 200) {
            f.complete(event.getResponse());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.info("SIP transaction timed out");
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info("SIP I/O error toward {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.stop();
        }
    }
}
