package org.keygate.sepp.n32f.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.ri.IpxVerificationKeys;
import org.keygate.n32.ri.ModificationPolicies;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.n32.ri.ModificationsVerifier;
import org.keygate.n32.ri.RiCertificateCheck;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.policy.EncryptionPlanner;

/**
 * The {@link PrinsSession} of each established PRINS context, made on first use and dropped when the registry
 * ends the context, so its keys leave with it.
 *
 * <p>Roaming Intermediaries, on requests and answers alike: the partner's RI's keys and policy come from what the
 * peer sent over the N32-c connection of the context (IpxProviderSecInfo, ProtectionPolicy); this SEPP's own RI's
 * from its own configuration (TS 33.501 13.2.4.7). Without any RI on either side, modifications are refused
 * outright.
 */
public final class PrinsSessions {
    private final N32fContextRegistry contexts;
    /** This SEPP's own settings (its RIs, its policies) as the running configuration has them (issue 18). */
    private final java.util.function.Supplier<N32cSettings> localSource;
    private final Map<N32fContextId, PrinsSession> sessions = new ConcurrentHashMap<>();

    /** The trust in RI signing certificates, asked again per verified modification (a CRL may revoke one). */
    private final RiCertificateCheck stillTrusted;

    public PrinsSessions(N32fContextRegistry contexts, N32cSettings local) {
        this(contexts, () -> local, RiCertificateCheck.NONE);
    }

    /**
     * @param local read when a context's session is made (at its first message), which keeps them: a reload's own
     *     RIs and policies apply to the contexts negotiated after it (and to older ones not used before it)
     */
    public PrinsSessions(N32fContextRegistry contexts, java.util.function.Supplier<N32cSettings> local,
            RiCertificateCheck stillTrusted) {
        this.stillTrusted = stillTrusted;
        this.contexts = contexts;
        this.localSource = local;
        contexts.onContextEnd(ended -> ended.localContextId().ifPresent(sessions::remove));
    }

    /** The session of the peer's current context, if it is an established PRINS one. */
    public Optional<PrinsSession> forPeer(String peerName) {
        return contexts.current(peerName).flatMap(this::sessionOf);
    }

    /** The session of the context this SEPP knows by {@code localId}, if it is an established PRINS one. */
    public Optional<PrinsSession> byLocalId(N32fContextId localId) {
        return contexts.byLocalId(localId).flatMap(this::sessionOf);
    }

    /**
     * Ends the session's context because the partner no longer knows it (it answered CONTEXT_NOT_FOUND, e.g. after
     * a restart): the next request negotiates a new one instead of failing forever.
     */
    public void lost(PrinsSession session) {
        contexts.byLocalId(session.context().localContextId().orElseThrow())
                .ifPresent(c -> contexts.end(c, N32fContextState.FAILED));
    }

    private Optional<PrinsSession> sessionOf(N32fContext c) {
        if (c.capability() != SecurityCapability.PRINS || c.state() != N32fContextState.ESTABLISHED
                || c.isExpired(contexts.clock().instant())) {
            return Optional.empty();
        }
        return Optional.of(sessions.computeIfAbsent(c.localContextId().orElseThrow(), id -> create(c)));
    }

    private PrinsSession create(N32fContext c) {
        N32cSettings local = localSource.get();
        List<IpxVerificationKeys> partnerRis = new ArrayList<>();
        c.peerIpxProviderSecInfo().forEach(i -> partnerRis.add(IpxVerificationKeys.from(i)));
        List<IpxVerificationKeys> ownRis = new ArrayList<>();
        local.ipxProviders().forEach(i -> ownRis.add(IpxVerificationKeys.from(i)));
        N32fProtector protector;
        if (partnerRis.isEmpty() && ownRis.isEmpty()) {
            protector = new N32fProtector(c.prins());
        } else {
            ModificationPolicy own = ownIntermediaries(local, local.protectionPolicyFor(c.peer()));
            protector = new N32fProtector(c.prins(), new ModificationsVerifier(ModificationsVerifier.index(partnerRis),
                    ri -> ModificationPolicies.derive(c.peerProtectionPolicy().orElse(null), ri),
                    ModificationsVerifier.index(ownRis), own, stillTrusted));
        }
        List<org.keygate.n32.n32c.model.ProtectionPolicy> policies = new ArrayList<>();
        policies.add(local.protectionPolicyFor(c.peer()));
        c.peerProtectionPolicy().ifPresent(policies::add);
        return new PrinsSession(c, protector, new EncryptionPlanner(policies));
    }

    /** The pRI policy: what this SEPP's policy for the partner lets any of its own RIs change. */
    private static ModificationPolicy ownIntermediaries(N32cSettings local,
            org.keygate.n32.n32c.model.ProtectionPolicy own) {
        List<String> paths = new ArrayList<>();
        for (IpxProviderSecInfo ipx : local.ipxProviders()) {
            ModificationPolicies.derive(own, ipx.ipxProviderId()).modifiablePaths().stream()
                    .filter(p -> !paths.contains(p)).forEach(paths::add);
        }
        return new ModificationPolicy(paths);
    }
}
