package org.keygate.ims.ue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.keygate.ims.mrfc.Slf4jServerLogger;
import org.keygate.ims.mrfc.Slf4jStackLogger;

/**
 * A scripted UE's SIP side on JAIN-SIP (UDP): one INVITE with an SDP offer, the final response, ACK, and BYE; an
 * incoming INVITE answered as {@link #onInvite} says, an incoming BYE of its dialog answered 200 and kept for
 * {@link #awaitBye}. For the IMS lab and tests; every wait is bounded.
 */
public final class UeSipClient implements SipListener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final String identity;
    private final String host;
    private final int port;
    private final SecureRandom random = new SecureRandom();
    private SipStack stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private volatile CompletableFuture<Response> pending = new CompletableFuture<>();
    private volatile Dialog dialog;
    /** BYEs the peer sent (each answered 200), for {@link #awaitBye}. */
    private final java.util.concurrent.BlockingQueue<Request> byes = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile java.util.function.Function<byte[], Answer> answerer = offer -> new Answer(488, null);

    /** How this UE answers an incoming INVITE: a status and, for 200, the SDP. */
    public record Answer(int status, String sdp) {
    }

    /** Sets how incoming INVITEs are answered (called on a SIP stack thread with the offer's body). */
    public void onInvite(java.util.function.Function<byte[], Answer> answerer) {
        this.answerer = answerer;
    }

    /** @param identity the UE's public identity, e.g. {@code sip:alice@ims.example.org} */
    public UeSipClient(String identity, String host, int port) {
        this.identity = identity;
        this.host = host;
        this.port = port;
    }

    public UeSipClient start() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "keygate-ue-" + HexFormat.of().formatHex(bytes(4)));
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        stack = factory.createSipStack(p);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        provider = stack.createSipProvider(stack.createListeningPoint(host, port, ListeningPoint.UDP));
        provider.addSipListener(this);
        stack.start();
        return this;
    }

    /**
     * Sends an INVITE to {@code target} (public identity) through {@code nextHop} ({@code host:port} of the MRFC) and
     * returns the final response; a 2xx is acknowledged.
     */
    public Response invite(String target, String nextHop, String sdp) throws Exception {
        Address to = addresses.createAddress(target);
        Address from = addresses.createAddress(identity);
        Request invite = messages.createRequest(addresses.createURI("sip:" + user(target) + "@" + nextHop), Request.INVITE,
                provider.getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, HexFormat.of().formatHex(bytes(6))), headers.createToHeader(to, null),
                List.of(headers.createViaHeader(host, port, "udp", null)), headers.createMaxForwardsHeader(70),
                headers.createContentTypeHeader("application", "sdp"), sdp.getBytes(StandardCharsets.US_ASCII));
        invite.addHeader(headers.createContactHeader(addresses.createAddress("sip:" + user(identity) + "@" + host + ":" + port)));
        pending = new CompletableFuture<>();
        ClientTransaction ct = provider.getNewClientTransaction(invite);
        ct.sendRequest();
        Response r = pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (r.getStatusCode() / 100 == 2) {
            dialog = ct.getDialog();
            dialog.sendAck(dialog.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        }
        return r;
    }

    /** Ends the session; returns the BYE's final status. */
    public int bye() throws Exception {
        pending = new CompletableFuture<>();
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction ct = provider.getNewClientTransaction(bye);
        dialog.sendRequest(ct);
        return pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).getStatusCode();
    }

    /**
     * Waits (bounded) for the peer to end the session with a BYE, which this UE has answered with 200; empty if none
     * came in time.
     */
    public java.util.Optional<Request> awaitBye(Duration timeout) throws InterruptedException {
        return java.util.Optional.ofNullable(byes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static String user(String uri) {
        String u = uri.startsWith("sip:") ? uri.substring(4) : uri;
        return u.substring(0, u.indexOf('@'));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (event.getResponse().getStatusCode() >= 200) {
            pending.complete(event.getResponse());
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            javax.sip.ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            Response r;
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    Answer a = answerer.apply(request.getRawContent() == null ? new byte[0] : request.getRawContent());
                    r = messages.createResponse(a.status(), request);
                    if (a.sdp() != null) {
                        r.setContent(a.sdp().getBytes(StandardCharsets.US_ASCII), headers.createContentTypeHeader("application", "sdp"));
                        r.addHeader(headers.createContactHeader(addresses.createAddress("sip:" + user(identity) + "@" + host + ":" + port)));
                    }
                    ((javax.sip.header.ToHeader) r.getHeader(javax.sip.header.ToHeader.NAME)).setTag(HexFormat.of().formatHex(bytes(6)));
                    dialog = st.getDialog();
                }
                case Request.ACK -> {
                    return;
                }
                case Request.BYE -> {
                    // RFC 3261 15.1.2: the UAS answers a BYE of its dialog with 200 and the session ends
                    Dialog current = dialog;
                    boolean ours = current != null && current.getCallId().getCallId()
                            .equals(((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId());
                    r = messages.createResponse(ours ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request);
                    st.sendResponse(r);
                    if (ours) {
                        dialog = null;
                        byes.add(request);
                    }
                    return;
                }
                default -> r = messages.createResponse(Response.OK, request);
            }
            st.sendResponse(r);
        } catch (Exception e) {
            pending.completeExceptionally(e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        pending.completeExceptionally(new java.util.concurrent.TimeoutException("SIP transaction timed out"));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        pending.completeExceptionally(new java.io.IOException("SIP I/O error"));
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
