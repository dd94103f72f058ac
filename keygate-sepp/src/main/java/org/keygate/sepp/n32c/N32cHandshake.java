package org.keygate.sepp.n32c;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.ri.IpxVerificationKeys;
import org.keygate.n32.ri.RiCertificateCheck;
import org.keygate.n32.ri.SeppKeyCheck;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.N32cMessageChecks;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecNegotiateRspData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.n32.n32c.model.SecParamExchRspData;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.peer.AnnouncedN32f;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/**
 * The initiating SEPP's N32-c handshake on one connection, as a state machine without I/O (TS 33.501 13.5 and
 * 13.2.2.2, TS 29.573 5.2.2-5.2.3): each call returns the next {@link Step}, a request to send or the agreed
 * context. A driver moves the requests; any surprise ends in {@link State#FAILED}, the dead end.
 *
 * <pre>
 * CAPABILITY --TLS--> ESTABLISHED
 *     |PRINS
 *     v
 * CIPHER_SUITES --> PROTECTION_POLICY --> IPX_SECURITY_INFO --> ESTABLISHED
 * (any state) --bad response--> FAILED
 * </pre>
 *
 * DESIGN.md: exchange-params is three POSTs on the same connection, each carrying the initiator's context ID.
 */
public final class N32cHandshake {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(N32cHandshake.class);
    /** Handshake states; FAILED and ESTABLISHED are terminal. */
    public enum State { CAPABILITY, CIPHER_SUITES, PROTECTION_POLICY, IPX_SECURITY_INFO, ESTABLISHED, FAILED }

    /** What the driver does next. */
    public sealed interface Step permits Send, Done {}

    /** POST {@code body} to {@code operation} (e.g. "exchange-params") and feed back the {@code responseType}. */
    public record Send(String operation, Object body, Class<?> responseType) implements Step {}

    /** The handshake is over; the context is in the registry. */
    public record Done(N32fContext context) implements Step {}

    private final N32cSettings settings;
    private final RiCertificateCheck riCertificates;
    private final PeerSepp peer;
    private final String connectionId;
    private final X509Certificate peerCertificate;
    private final Supplier<N32MasterKey> masterKey;
    private final N32fContextRegistry contexts;
    private final ProtectionPolicyExchange policyExchange;
    private final N32fContextId localId;
    private State state = State.CAPABILITY;
    private N32fContext context;
    /** TS 29.573 6.1.5.2.3: where the responder wants this context's N32-f messages (its instance, in a cluster). */
    private java.util.Optional<AnnouncedN32f> announced = java.util.Optional.empty();

    public N32cHandshake(N32cSettings settings, PeerSepp peer, N32cConnectionFacts connection,
            N32fContextRegistry contexts, SecureRandom random, N32fErrorSender errorSender) {
        this(settings, peer, connection, contexts, random, errorSender, RiCertificateCheck.NONE);
    }

    /**
     * @param riCertificates refuses RI signing certificates in the responder's ipxProviderSecInfoList that are not
     *     under the RI provider's trust anchor or are revoked (issue 18)
     */
    public N32cHandshake(N32cSettings settings, PeerSepp peer, N32cConnectionFacts connection,
            N32fContextRegistry contexts, SecureRandom random, N32fErrorSender errorSender,
            RiCertificateCheck riCertificates) {
        this.riCertificates = riCertificates;
        this.settings = settings;
        this.peer = peer;
        this.connectionId = connection.connectionId();
        this.peerCertificate = connection.peerCertificate();
        this.masterKey = connection.masterKey();
        this.contexts = contexts;
        this.policyExchange = new ProtectionPolicyExchange(settings, contexts, errorSender);
        this.localId = N32fContextId.random(random);
    }

    public State state() {
        return state;
    }

    /** TS 33.501 13.5 step 1: offer the mechanisms in this SEPP's priority order. */
    public Step start() {
        expect(State.CAPABILITY);
        // Both releases' port members (Rel-18 senderN32fPort, Rel-19 senderN32fPortList): each reads its own.
        return new Send("exchange-capability", new SecNegotiateReqData(settings.fqdn(), settings.capabilities(),
                Boolean.TRUE, settings.plmnIds(), null, peer.plmnIds().getFirst(), null, null, null,
                settings.n32fFqdn(), settings.n32fPort() == 0 ? null : settings.n32fPort(),
                settings.n32fPortsOrNull(), settings.n32KeepaliveSecondsOrNull(), null), SecNegotiateRspData.class);
    }

    /** Feeds the peer's 200 answer to the last {@link Send}. */
    public Step onResponse(Object response) {
        try {
            return switch (state) {
                case CAPABILITY -> onCapability((SecNegotiateRspData) response);
                case CIPHER_SUITES -> onCipherSuites((SecParamExchRspData) response);
                case PROTECTION_POLICY -> onProtectionPolicy((SecParamExchRspData) response);
                case IPX_SECURITY_INFO -> onIpxSecurityInfo((SecParamExchRspData) response);
                case ESTABLISHED, FAILED -> throw new N32cHandshakeException("handshake already " + state);
            };
        } catch (RuntimeException e) {
            fail();
            throw e instanceof N32cHandshakeException h ? h : new N32cHandshakeException(e.getMessage(), e);
        }
    }

    /** Marks the handshake failed, e.g. after a transport error or a ProblemDetails from the peer. */
    public void fail() {
        state = State.FAILED;
        // A context still NEGOTIATING will never be established: it must not stand as the partner's current one.
        contexts.byLocalId(localId).filter(c -> c.state() == N32fContextState.NEGOTIATING)
                .ifPresent(c -> contexts.end(c, N32fContextState.FAILED));
    }

    private Step onCapability(SecNegotiateRspData rsp) {
        checked(N32cMessageChecks.of(rsp), "SecNegotiateRspData");
        checkSender(rsp.sender());
        List<PlmnId> unbacked = PeerDirectory.unbackedClaims(peerCertificate, rsp.plmnIdList());
        if (!unbacked.isEmpty()) {
            throw new N32cHandshakeException("peer " + peer.name() + " claims PLMN IDs " + unbacked
                    + " that its N32-c certificate does not carry (TS 33.501 13.1.2)");
        }
        SecurityCapability selected = rsp.selectedSecCapability();
        // TS 33.501 13.5: NONE or anything not in Table 13.5-1 terminates the N32-c connection.
        if (!selected.isKnownMechanism() || !settings.capabilities().contains(selected)) {
            throw new N32cHandshakeException("peer " + peer.name() + " selected security capability " + selected
                    + ", which this SEPP did not offer: terminating the N32-c connection (TS 33.501 13.5)");
        }
        java.util.Optional<java.time.Duration> keepalive = settings.agreedKeepalive(rsp.n32KeepaliveTimer());
        keepalive.ifPresent(t -> log.info("N32-c {}: keepalive timer with {}: {} s (Rel-19 n32KeepaliveTimer)",
                connectionId, peer.name(), t.toSeconds()));
        contexts.agreeKeepalive(peer.name(), keepalive);
        announced = AnnouncedN32f.of(rsp.senderN32fFqdn(), rsp.sender(), rsp.n32fPorts());
        if (selected.equals(SecurityCapability.TLS)) {
            var now = contexts.clock().instant();
            return established(N32fContext.tls(peer, N32Role.INITIATOR, connectionId, now,
                    now.plus(settings.contextLifetime())).withN32cPeerPlmnIds(PeerIdentity.of(peerCertificate).plmnIds())
                    .withPeerN32f(announced));
        }
        state = State.CIPHER_SUITES;
        return params(settings.jweCipherSuites().stream().map(JweEnc::joseName).toList(),
                settings.jwsCipherSuites(), null, null);
    }

    private Step onCipherSuites(SecParamExchRspData rsp) {
        checked(N32cMessageChecks.of(rsp), "SecParamExchRspData");
        checkSender(rsp.sender());
        JweEnc jwe = JweEnc.fromJoseName(String.valueOf(rsp.selectedJweCipherSuite()))
                .filter(settings.jweCipherSuites()::contains)
                .orElseThrow(() -> new N32cHandshakeException("peer selected JWE cipher suite "
                        + rsp.selectedJweCipherSuite() + ", which this SEPP did not offer"));
        String jws = rsp.selectedJwsCipherSuite();
        if (jws == null || !settings.jwsCipherSuites().contains(jws)) {
            throw new N32cHandshakeException("peer selected JWS cipher suite " + jws + ", which this SEPP did not offer");
        }
        N32fContextId responderId = N32fContextId.parse(rsp.n32fContextId());
        if (responderId.equals(localId)) {
            throw new N32cHandshakeException("peer answered with this SEPP's own context ID");
        }
        N32fSessionKeys keys = N32fSessionKeys.derive(masterKey.get(), localId, responderId, jwe);
        var now = contexts.clock().instant();
        context = N32fContext.prins(peer, N32Role.INITIATOR, connectionId, localId, responderId, jwe, jws, keys, now,
                now.plus(settings.contextLifetime())).withN32cPeerPlmnIds(PeerIdentity.of(peerCertificate).plmnIds())
                .withPeerN32f(announced);
        contexts.put(context);
        state = State.PROTECTION_POLICY;
        return params(null, null, settings.protectionPolicyFor(peer), null);
    }

    private Step onProtectionPolicy(SecParamExchRspData rsp) {
        checkSameContext(rsp);
        if (rsp.selProtectionPolicyInfo() != null) {
            policyExchange.onPeerPolicy(context, rsp.selProtectionPolicyInfo());
        }
        if (contexts.byLocalId(localId).isEmpty()) {
            throw new N32cHandshakeException("the N32-f context with " + peer.name() + " ended during the handshake"
                    + " (a protection policy mismatch, TS 33.501 13.2.3.6, or a termination)");
        }
        state = State.IPX_SECURITY_INFO;
        // TS 33.501 13.2.2.2 step 3: both SEPPs exchange IPX security information, so the third POST is sent even
        // when this SEPP has none (the list is then absent: minItems 1), letting the responder send its own.
        return params(null, null, null, settings.ipxProvidersOrNull());
    }

    private Step onIpxSecurityInfo(SecParamExchRspData rsp) {
        checkSameContext(rsp);
        var ipx = rsp.ipxProviderSecInfoList() == null ? List.<IpxProviderSecInfo>of()
                : rsp.ipxProviderSecInfoList();
        var badKeys = IpxVerificationKeys.problems("/ipxProviderSecInfoList", ipx,
                new SeppKeyCheck(peerCertificate, peer.trustAnchor()), riCertificates);
        if (!badKeys.isEmpty()) {
            throw new N32cHandshakeException("unusable IPX security information from " + peer.name() + ": " + badKeys);
        }
        N32fContext updated = contexts.update(localId, c -> c.withPeerIpxProviderSecInfo(ipx)
                .withState(N32fContextState.ESTABLISHED)).orElseThrow(
                        () -> new N32cHandshakeException("N32-f context " + localId + " ended during the handshake"));
        return established(updated);
    }

    private Step params(List<String> jwe, List<String> jws, ProtectionPolicy policy,
            List<IpxProviderSecInfo> ipx) {
        return new Send("exchange-params", new SecParamExchReqData(localId.value(), jwe, jws, policy, ipx,
                settings.fqdn()), SecParamExchRspData.class);
    }

    private Step established(N32fContext agreed) {
        contexts.put(agreed);
        state = State.ESTABLISHED;
        return new Done(agreed);
    }

    private void checkSameContext(SecParamExchRspData rsp) {
        checked(N32cMessageChecks.of(rsp), "SecParamExchRspData");
        checkSender(rsp.sender());
        if (!context.remoteContextId().orElseThrow().value().equalsIgnoreCase(rsp.n32fContextId())) {
            throw new N32cHandshakeException("peer changed its N32-f context ID during exchange-params");
        }
        checkSameSuites(rsp);
    }

    /**
     * TS 33.501 13.2.2.2: the cipher suites are agreed once, in the first exchange-params; a later answer that names
     * others (which keys would protect what?) is a protocol error. The half-made context is ended with the handshake.
     */
    private void checkSameSuites(SecParamExchRspData rsp) {
        String jwe = rsp.selectedJweCipherSuite();
        String agreedJwe = context.jweCipherSuite().map(JweEnc::joseName).orElse(null);
        String jws = rsp.selectedJwsCipherSuite();
        String agreedJws = context.jwsCipherSuite().orElse(null);
        String changed = jwe != null && !jwe.equals(agreedJwe) ? "selectedJweCipherSuite " + jwe + " (agreed: "
                + agreedJwe + ")" : jws != null && !jws.equals(agreedJws) ? "selectedJwsCipherSuite " + jws
                + " (agreed: " + agreedJws + ")" : null;
        if (changed != null) {
            contexts.end(context, N32fContextState.FAILED);
            throw new N32cHandshakeException("peer " + peer.name() + " changed the cipher suite during the handshake: "
                    + changed + "; handshake ended (TS 33.501 13.2.2.2)");
        }
    }

    private void checkSender(String sender) {
        if (sender != null && !PeerIdentity.of(peerCertificate).names(sender)) {
            throw new N32cHandshakeException("sender " + sender + " is not a name of the peer's N32-c certificate");
        }
    }

    private static void checked(N32cMessageChecks checks, String type) {
        if (!checks.passed()) {
            throw new N32cHandshakeException("invalid " + type + " from peer: missing " + checks.missing()
                    + ", incorrect " + checks.incorrect());
        }
    }

    private void expect(State expected) {
        if (state != expected) {
            throw new N32cHandshakeException("handshake in state " + state + ", expected " + expected);
        }
    }
}
