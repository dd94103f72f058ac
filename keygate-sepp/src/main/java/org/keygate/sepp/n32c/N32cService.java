package org.keygate.sepp.n32c;

import org.keygate.sbi.log.PeerValue;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.ri.IpxVerificationKeys;
import org.keygate.n32.ri.RiCertificateCheck;
import org.keygate.n32.ri.SeppKeyCheck;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecNegotiateRspData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.n32.n32c.model.SecParamExchRspData;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.peer.AnnouncedN32f;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.n32.policy.CapabilitySelection;
import org.keygate.n32.policy.CipherSuiteSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the N32 Handshake API (TS 29.573 5.2), as a protocol core without I/O: typed requests in,
 * typed responses out, {@link N32cRejection} for refusals.
 *
 * <p>exchange-capability and exchange-params are answered by the SEPP that accepted the first N32-c connection
 * (the responder, TS 33.501 13.2.2.2); n32f-terminate and n32f-error may come from either peer, on any of its
 * authenticated N32-c connections. The handshake's progress on each connection is kept in a
 * {@link ResponderSession}, dropped when the connection closes; agreed contexts live on in the
 * {@link N32fContextRegistry}.
 */
public final class N32cService {
    private static final Logger log = LoggerFactory.getLogger(N32cService.class);

    /** This SEPP's side of the handshake as the running configuration has it: a reload replaces it (issue 18). */
    private final java.util.function.Supplier<N32cSettings> settingsSource;
    private final N32fContextRegistry contexts;
    private final SecureRandom random;
    private final ProtectionPolicyExchange policyExchange;
    private final Map<String, ResponderSession> sessions = new ConcurrentHashMap<>();
    /** The trust in RI signing certificates a partner announces (issue 18). */
    private final RiCertificateCheck riCertificates;

    public N32cService(N32cSettings settings, N32fContextRegistry contexts, SecureRandom random,
            N32fErrorSender errorSender) {
        this(() -> settings, contexts, random, errorSender, RiCertificateCheck.NONE);
    }

    /**
     * @param riCertificates refuses RI signing certificates in a partner's ipxProviderSecInfoList that are not under
     *     the RI provider's trust anchor or are revoked
     */
    public N32cService(java.util.function.Supplier<N32cSettings> settings, N32fContextRegistry contexts,
            SecureRandom random, N32fErrorSender errorSender, RiCertificateCheck riCertificates) {
        this.settingsSource = settings;
        this.contexts = contexts;
        this.random = random;
        this.policyExchange = new ProtectionPolicyExchange(settings, contexts, errorSender);
        this.riCertificates = riCertificates;
    }

    /** The settings of the running configuration; read once per use, so one answer never mixes two reloads. */
    private N32cSettings settings() {
        return settingsSource.get();
    }

    /** TS 29.573 5.2.2 / TS 33.501 13.5: select the mechanism; TLS completes the handshake at once. */
    public SecNegotiateRspData exchangeCapability(N32cConnectionFacts conn, SecNegotiateReqData req) {
        checkSender(conn, req.sender());
        checkClaimedPlmns(conn, req.plmnIdList());
        if (req.supportedSecCapabilityList().stream().allMatch(SecurityCapability.NONE::equals)) {
            return endAgreement(conn);
        }
        if (req.supportedSecCapabilityList().contains(SecurityCapability.NONE)) {
            throw N32cRejection.withParams(400, "Bad Request", N32cCauses.MANDATORY_IE_INCORRECT,
                    "NONE ends the agreement and cannot be offered beside a security capability",
                    List.of(new InvalidParam("/supportedSecCapabilityList", "contains NONE and other values")));
        }
        SecurityCapability selected =
                CapabilitySelection.select(settings().capabilities(), req.supportedSecCapabilityList());
        var announced = AnnouncedN32f.of(req.senderN32fFqdn(), req.sender(), req.n32fPorts());
        sessions.put(conn.connectionId(), new ResponderSession(selected, announced));
        if (selected.equals(SecurityCapability.TLS)) {
            var now = contexts.clock().instant();
            admitted(N32fContext.tls(conn.peer(), N32Role.RESPONDER, conn.connectionId(), now,
                    now.plus(settings().contextLifetime())).withN32cPeerPlmnIds(PeerIdentity.of(conn.peerCertificate())
                    .plmnIds()).withPeerN32f(announced));
        }
        log.info("N32-c {}: exchange-capability from {} offered {}, selected {}", conn.connectionId(),
                conn.peer().name(), req.supportedSecCapabilityList(), selected);
        // Both releases' port members (Rel-18 senderN32fPortList, Rel-19 senderN32fPort); the keepalive timer
        // (Rel-19) answers with the agreed one when the initiator proposed one, else with this SEPP's own.
        Optional<java.time.Duration> agreed = settings().agreedKeepalive(req.n32KeepaliveTimer());
        contexts.agreeKeepalive(conn.peer().name(), agreed);
        Integer keepalive = agreed.map(t -> (int) Math.min(Integer.MAX_VALUE, t.toSeconds())).orElse(null);
        return new SecNegotiateRspData(settings().fqdn(), selected, Boolean.TRUE, settings().plmnIds(), null, null,
                null, null, settings().n32fFqdn(), settings().n32fPortsOrNull(),
                settings().n32fPort() == 0 ? null : settings().n32fPort(), keepalive, null);
    }

    /**
     * A partner offering only {@code NONE} (TS 29.573 6.1.6.3.3; Open5GS sends it when it shuts its N32 agreement
     * down) supports no mechanism any more: every context with it ends, and the answer selects NONE.
     */
    private SecNegotiateRspData endAgreement(N32cConnectionFacts conn) {
        List<N32fContext> ended = contexts.endAll(conn.peer().name(), N32fContextState.TERMINATED);
        sessions.remove(conn.connectionId());
        log.info("N32-c {}: {} offered only NONE: the N32 agreement ends, {} context(s) terminated",
                conn.connectionId(), conn.peer().name(), ended.size());
        return new SecNegotiateRspData(settings().fqdn(), SecurityCapability.NONE, null, settings().plmnIds(), null, null,
                null, null, null, null);
    }

    /**
     * TS 29.573 5.2.3 / TS 33.501 13.2.2.2: cipher suites (creating the context and its keys), protection
     * policy, IPX security information, in one request or in several on the same connection.
     */
    public SecParamExchRspData exchangeParams(N32cConnectionFacts conn, SecParamExchReqData req) {
        checkSender(conn, req.sender());
        ResponderSession session = sessions.get(conn.connectionId());
        if (session == null || !session.capability().equals(SecurityCapability.PRINS)) {
            throw N32cRejection.of(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                    "exchange-params needs PRINS agreed by exchange-capability on this N32-c connection");
        }
        N32fContextId initiatorId = N32fContextId.parse(req.n32fContextId());
        // TS 29.573 5.2.3.2 (OPTIONAL_IE_INCORRECT): an unusable key, a SEPP's key, or a certificate that is not
        // under the RI provider's anchor or is revoked (TS 33.310 Annex F.2) refuses the whole exchange.
        List<InvalidParam> badKeys = IpxVerificationKeys.problems("/ipxProviderSecInfoList",
                req.ipxProviderSecInfoList(), new SeppKeyCheck(conn.peerCertificate(), conn.peer().trustAnchor()),
                riCertificates);
        if (!badKeys.isEmpty()) {
            abandon(session, initiatorId);
            log.warn("N32-c {}: exchange-params from {} refused: unusable IPX security information {}",
                    conn.connectionId(), conn.peer().name(), badKeys);
            throw N32cRejection.withParams(400, "Bad Request", N32cCauses.OPTIONAL_IE_INCORRECT,
                    "unusable IPX security information (ES256 keys of Roaming Intermediaries expected)", badKeys);
        }
        N32fContext context;
        if (req.jweCipherSuiteList() != null || req.jwsCipherSuiteList() != null) {
            context = agreeCipherSuites(conn, session, initiatorId, req);
        } else {
            context = session.context(initiatorId)
                    .flatMap(id -> contexts.byLocalId(id))
                    .orElseThrow(() -> N32cRejection.of(404, "Not Found", N32cCauses.CONTEXT_NOT_FOUND,
                            "no N32-f context for n32fContextId " + initiatorId + " on this connection"));
        }
        N32fContextId localId = context.localContextId().orElseThrow();
        var policyAnswer = policyExchange.onPeerPolicy(context, req.protectionPolicyInfo());
        if (req.ipxProviderSecInfoList() != null) {
            contexts.update(localId, c -> c.withPeerIpxProviderSecInfo(req.ipxProviderSecInfoList()));
        }
        // The IPX step is the request that carries IPX information, or nothing but the context ID (DESIGN.md's third
        // POST from an initiator without IPX providers); it is answered with this SEPP's own list.
        boolean ipxStep = req.ipxProviderSecInfoList() != null
                || (req.jweCipherSuiteList() == null && req.protectionPolicyInfo() == null);
        // The exchange is complete after the third POST, or at once for a combined request with suites and policy.
        if (ipxStep || (req.jweCipherSuiteList() != null && req.protectionPolicyInfo() != null)) {
            contexts.update(localId, c -> c.withState(N32fContextState.ESTABLISHED));
        }
        return new SecParamExchRspData(localId.value(),
                req.jweCipherSuiteList() == null ? null : context.jweCipherSuite().orElseThrow().joseName(),
                req.jwsCipherSuiteList() == null ? null : context.jwsCipherSuite().orElseThrow(),
                policyAnswer,
                ipxStep ? settings().ipxProvidersOrNull() : null,
                settings().fqdn());
    }

    private N32fContext agreeCipherSuites(N32cConnectionFacts conn, ResponderSession session,
            N32fContextId initiatorId, SecParamExchReqData req) {
        if (req.jweCipherSuiteList() == null || req.jwsCipherSuiteList() == null) {
            throw N32cRejection.withParams(400, "Bad Request", N32cCauses.MANDATORY_IE_MISSING,
                    "JWE and JWS cipher suites are exchanged together (TS 33.501 13.2.2.2 step 1a)",
                    List.of(new InvalidParam(req.jweCipherSuiteList() == null ? "/jweCipherSuiteList"
                            : "/jwsCipherSuiteList", "mandatory IE missing")));
        }
        JweEnc jwe = CipherSuiteSelection.selectJwe(settings().jweCipherSuites(), req.jweCipherSuiteList())
                .orElseThrow(() -> N32cRejection.of(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                        "no JWE cipher suite in common; this SEPP supports " + settings().jweCipherSuites()));
        String jws = CipherSuiteSelection.selectJws(settings().jwsCipherSuites(), req.jwsCipherSuiteList())
                .orElseThrow(() -> N32cRejection.of(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                        "no JWS cipher suite in common; this SEPP supports " + settings().jwsCipherSuites()));
        N32fContextId localId = N32fContextId.random(random);
        // TS 33.501 13.2.2.2 step 4: the master key comes from this very N32-c TLS connection.
        N32MasterKey master = conn.masterKey().get();
        N32fSessionKeys keys = N32fSessionKeys.derive(master, initiatorId, localId, jwe);
        var now = contexts.clock().instant();
        N32fContext context = N32fContext.prins(conn.peer(), N32Role.RESPONDER, conn.connectionId(), localId,
                initiatorId, jwe, jws, keys, now, now.plus(settings().contextLifetime()))
                .withN32cPeerPlmnIds(PeerIdentity.of(conn.peerCertificate()).plmnIds())
                .withPeerN32f(session.announced());
        admitted(context);
        session.bind(initiatorId, localId);
        log.info("N32-c {}: PRINS context with {} agreed: jwe={}, jws={}, initiator context {}, responder context {}",
                conn.connectionId(), conn.peer().name(), jwe.joseName(), jws, initiatorId, localId);
        return context;
    }

    /**
     * Adds a new context, or refuses the handshake with 503 when it cannot be admitted (a SEPP cluster whose etcd is
     * out of reach, docs/CLUSTER.md): TS 29.500 5.2.7.2's NF_CONGESTION, "temporarily unable to handle the request",
     * is the cause the partner's retry logic already knows.
     */
    private void admitted(N32fContext context) {
        try {
            contexts.put(context);
        } catch (org.keygate.sepp.context.ContextRefusedException e) {
            log.warn("N32-c {}: new N32-f context with {} refused: {}", context.n32cConnectionId(),
                    context.peer().name(), e.getMessage());
            throw N32cRejection.of(503, "Service Unavailable", N32cCauses.NF_CONGESTION,
                    "no new N32-f context can be agreed now: " + e.getMessage());
        }
    }

    /**
     * TS 29.573 5.2.4: the peer ends an N32-f context. The body names it by either SEPP's context ID (keygate sends
     * the receiver's own, DESIGN.md's rule for every N32-f reference); the answer names the other one.
     */
    public N32fContextInfo terminate(N32cConnectionFacts conn, N32fContextInfo req) {
        N32fContextId id = N32fContextId.parse(req.n32fContextId());
        N32fContext context = findPeerContext(conn, id).orElseThrow(() -> N32cRejection.of(404, "Not Found",
                N32cCauses.CONTEXT_NOT_FOUND, "no N32-f context " + id + " with peer " + conn.peer().name()));
        contexts.end(context, N32fContextState.TERMINATED);
        log.info("N32-c {}: {} terminated N32-f context {}", conn.connectionId(), conn.peer().name(), context);
        N32fContextId other = id.equals(context.localContextId().orElseThrow())
                ? context.remoteContextId().orElseThrow() : context.localContextId().orElseThrow();
        return new N32fContextInfo(other.value());
    }

    /**
     * TS 29.573 5.2.5: the peer reports an N32-f error; a policy mismatch of the context (13.2.3.6) or
     * CONTEXT_NOT_FOUND ends it, an error about one message does not.
     */
    public void error(N32cConnectionFacts conn, N32fErrorInfo req) {
        log.warn("N32-c {}: {} reports N32-f error {} for message {} (context {})", conn.connectionId(),
                conn.peer().name(), PeerValue.of(req.n32fErrorType()), PeerValue.of(req.n32fMessageId()),
                PeerValue.of(req.n32fContextId()));
        if (req.n32fContextId() == null) {
            return;
        }
        Optional<N32fContext> context = findPeerContext(conn, N32fContextId.parse(req.n32fContextId()));
        if (context.isEmpty()) {
            throw N32cRejection.of(404, "Not Found", N32cCauses.CONTEXT_NOT_FOUND,
                    "no N32-f context " + req.n32fContextId() + " with peer " + conn.peer().name());
        }
        // The partner ended the context (a protection policy mismatch, TS 33.501 13.2.3.6: it carries the
        // policyMismatchList) or no longer has it (e.g. restarted): a new one is negotiated. A POLICY_MISMATCH about
        // one message (an edge check refused it, TS 33.501 5.9.3.2) carries no list and ends nothing.
        boolean policyEnded = N32fErrorInfo.POLICY_MISMATCH.equals(req.n32fErrorType())
                && req.policyMismatchList() != null && !req.policyMismatchList().isEmpty();
        if (policyEnded || N32fErrorInfo.CONTEXT_NOT_FOUND.equals(req.n32fErrorType())) {
            contexts.end(context.get(), N32fContextState.FAILED);
        }
    }

    /**
     * Forgets the handshake progress of a closed N32-c connection; contexts stay (a half-agreed one cannot be
     * completed any more, but never hides an established one and leaves with its lifetime or the per-partner bound).
     */
    public void connectionClosed(String connectionId) {
        sessions.remove(connectionId);
    }

    /** Ends the context a refused exchange-params was building: it will never be established. */
    private void abandon(ResponderSession session, N32fContextId initiatorId) {
        session.context(initiatorId).flatMap(contexts::byLocalId)
                .filter(c -> c.state() == N32fContextState.NEGOTIATING)
                .ifPresent(c -> contexts.end(c, N32fContextState.FAILED));
    }

    private Optional<N32fContext> findPeerContext(N32cConnectionFacts conn, N32fContextId id) {
        Optional<N32fContext> own = contexts.byLocalId(id);
        if (own.isEmpty()) {
            own = contexts.forPeer(conn.peer().name()).stream()
                    .filter(c -> c.remoteContextId().equals(Optional.of(id))).findFirst();
        }
        // A context is only ever ended by the partner it belongs to.
        return own.filter(c -> c.peer().name().equals(conn.peer().name()));
    }

    private static void checkClaimedPlmns(N32cConnectionFacts conn, List<PlmnId> claimed) {
        List<PlmnId> unbacked = PeerDirectory.unbackedClaims(conn.peerCertificate(), claimed);
        if (!unbacked.isEmpty()) {
            log.warn("N32-c {}: {} claims PLMN IDs {} that its certificate does not carry", conn.connectionId(),
                    conn.peer().name(), unbacked);
            throw N32cRejection.withParams(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                    "plmnIdList names PLMN IDs the N32-c TLS certificate of peer " + conn.peer().name()
                            + " does not carry",
                    List.of(new InvalidParam("/plmnIdList", "not backed by the certificate: " + unbacked)));
        }
    }

    private static void checkSender(N32cConnectionFacts conn, String sender) {
        if (sender != null && !PeerIdentity.of(conn.peerCertificate()).names(sender)) {
            throw N32cRejection.withParams(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                    "sender does not match the N32-c TLS certificate of peer " + conn.peer().name(),
                    List.of(new InvalidParam("/sender", "not among the certificate's dNSNames")));
        }
    }
}
