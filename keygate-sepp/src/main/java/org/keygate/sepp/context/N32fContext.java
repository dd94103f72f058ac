package org.keygate.sepp.context;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.n32f.prins.PrinsContext;
import org.keygate.sepp.peer.AnnouncedN32f;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PlmnId;

/**
 * What two SEPPs agreed over N32-c (TS 33.501 13.2.2, TS 29.573 5.2.2/5.2.3), as an immutable value: a change
 * makes a new value that {@link N32fContextRegistry} swaps in.
 *
 * <p>With TLS selected there are no context IDs, cipher suites or keys ({@link Optional#empty()}): N32-f runs in
 * TLS. With PRINS they are all present once {@link N32fContextState#ESTABLISHED}.
 *
 * @param n32cConnectionId the N32-c connection the context was negotiated on; IPX keys are scoped to it
 *     (DESIGN.md).
 * @param n32cPeerPlmnIds the PLMN IDs of the partner's N32-c certificate: an N32-f certificate of the partner may
 *     carry no others (TS 33.501 13.1.2); empty when not recorded (then the partner's configured PLMNs bound it).
 * @param peerN32f where the partner asked for this context's N32-f messages in exchange-capability; empty: it
 *     announced nothing, and its configured N32-f address is used.
 */
public record N32fContext(
        PeerSepp peer,
        N32Role role,
        SecurityCapability capability,
        N32fContextState state,
        Optional<N32fContextId> localContextId,
        Optional<N32fContextId> remoteContextId,
        Optional<JweEnc> jweCipherSuite,
        Optional<String> jwsCipherSuite,
        Optional<N32fSessionKeys> sessionKeys,
        Optional<ProtectionPolicy> peerProtectionPolicy,
        List<IpxProviderSecInfo> peerIpxProviderSecInfo,
        String n32cConnectionId,
        Instant createdAt,
        Instant expiresAt,
        Set<PlmnId> n32cPeerPlmnIds,
        Optional<AnnouncedN32f> peerN32f) {

    public N32fContext {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(state, "state");
        peerIpxProviderSecInfo = List.copyOf(peerIpxProviderSecInfo);
        Objects.requireNonNull(n32cConnectionId, "n32cConnectionId");
        n32cPeerPlmnIds = Set.copyOf(n32cPeerPlmnIds);
        Objects.requireNonNull(peerN32f, "peerN32f");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
    }

    /** A context agreed for N32-f over TLS (TS 33.501 13.5: no parameter exchange follows). */
    public static N32fContext tls(PeerSepp peer, N32Role role, String connectionId, Instant now, Instant expiresAt) {
        return new N32fContext(peer, role, SecurityCapability.TLS, N32fContextState.ESTABLISHED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                connectionId, now, expiresAt, Set.of(), Optional.empty());
    }

    /**
     * A PRINS context right after the cipher-suite exchange: IDs, suites and keys known, policies and IPX
     * information not yet, so still {@link N32fContextState#NEGOTIATING}; {@link #withState} establishes it.
     */
    public static N32fContext prins(PeerSepp peer, N32Role role, String connectionId, N32fContextId local,
            N32fContextId remote, JweEnc jwe, String jws, N32fSessionKeys keys, Instant now, Instant expiresAt) {
        return new N32fContext(peer, role, SecurityCapability.PRINS, N32fContextState.NEGOTIATING,
                Optional.of(local), Optional.of(remote), Optional.of(jwe), Optional.of(jws), Optional.of(keys),
                Optional.empty(), List.of(), connectionId, now, expiresAt, Set.of(), Optional.empty());
    }

    public N32fContext withPeerProtectionPolicy(ProtectionPolicy policy) {
        return new N32fContext(peer, role, capability, state, localContextId, remoteContextId, jweCipherSuite,
                jwsCipherSuite, sessionKeys, Optional.of(policy), peerIpxProviderSecInfo, n32cConnectionId,
                createdAt, expiresAt, n32cPeerPlmnIds, peerN32f);
    }

    public N32fContext withPeerIpxProviderSecInfo(List<IpxProviderSecInfo> info) {
        return new N32fContext(peer, role, capability, state, localContextId, remoteContextId, jweCipherSuite,
                jwsCipherSuite, sessionKeys, peerProtectionPolicy, info, n32cConnectionId, createdAt, expiresAt,
                n32cPeerPlmnIds, peerN32f);
    }

    /** With the PLMN IDs of the partner's N32-c certificate, which bound its N32-f certificates. */
    public N32fContext withN32cPeerPlmnIds(Set<PlmnId> plmnIds) {
        return new N32fContext(peer, role, capability, state, localContextId, remoteContextId, jweCipherSuite,
                jwsCipherSuite, sessionKeys, peerProtectionPolicy, peerIpxProviderSecInfo, n32cConnectionId,
                createdAt, expiresAt, plmnIds, peerN32f);
    }

    /**
     * Whether an N32-f certificate with these PLMN IDs may speak for this context's partner: all of them must be
     * among the N32-c certificate's (TS 33.501 13.1.2), or among the partner's configured ones when not recorded.
     */
    public boolean admitsN32fCertificatePlmns(Set<PlmnId> n32fPlmnIds) {
        Set<PlmnId> bound = n32cPeerPlmnIds.isEmpty() ? Set.copyOf(peer.plmnIds()) : n32cPeerPlmnIds;
        return !n32fPlmnIds.isEmpty() && bound.containsAll(n32fPlmnIds);
    }

    public N32fContext withState(N32fContextState newState) {
        return new N32fContext(peer, role, capability, newState, localContextId, remoteContextId, jweCipherSuite,
                jwsCipherSuite, sessionKeys, peerProtectionPolicy, peerIpxProviderSecInfo, n32cConnectionId,
                createdAt, expiresAt, n32cPeerPlmnIds, peerN32f);
    }

    /** With the N32-f address the partner announced for this context (empty: none). */
    public N32fContext withPeerN32f(Optional<AnnouncedN32f> announced) {
        return new N32fContext(peer, role, capability, state, localContextId, remoteContextId, jweCipherSuite,
                jwsCipherSuite, sessionKeys, peerProtectionPolicy, peerIpxProviderSecInfo, n32cConnectionId,
                createdAt, expiresAt, n32cPeerPlmnIds, announced);
    }

    /** What PRINS protects and unprotects with (keygate-n32); refuses a TLS context, which has no keys. */
    public PrinsContext prins() {
        N32fSessionKeys keys = sessionKeys.orElseThrow(
                () -> new IllegalArgumentException("not a PRINS context: " + capability));
        return new PrinsContext(role, localContextId.orElseThrow(), remoteContextId.orElseThrow(), keys);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Names, IDs and state; never key material (the session keys print only their sizes anyway). */
    @Override
    public String toString() {
        return "N32fContext[peer=" + peer.name() + ", role=" + role + ", capability=" + capability + ", state="
                + state + ", local=" + localContextId.map(Object::toString).orElse("-") + ", remote="
                + remoteContextId.map(Object::toString).orElse("-") + ", jwe="
                + jweCipherSuite.map(JweEnc::joseName).orElse("-") + ", expiresAt=" + expiresAt + "]";
    }
}
