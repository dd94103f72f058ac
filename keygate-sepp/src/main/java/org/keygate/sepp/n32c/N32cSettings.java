package org.keygate.sepp.n32c;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.tls.plmn.PlmnId;

/**
 * This SEPP's side of the N32-c handshake, frozen from the configuration: who it is and what it offers, each list
 * in priority order.
 *
 * @param requiredPeerEncryption IeType names the peer's data-type encryption policy must contain
 *     (TS 33.501 13.2.3.6; see {@link org.keygate.n32.policy.ProtectionPolicyCheck}).
 * @param n32fPort the port announced in senderN32fPort(List) for N32-f; 0 when not announced.
 * @param n32KeepaliveTimer the N32 keepalive timer this SEPP announces (Rel-19 {@code n32KeepaliveTimer}); empty:
 *     none announced.
 */
public record N32cSettings(
        String fqdn,
        List<PlmnId> plmnIds,
        List<SecurityCapability> capabilities,
        List<JweEnc> jweCipherSuites,
        List<String> jwsCipherSuites,
        ProtectionPolicy protectionPolicy,
        List<IpxProviderSecInfo> ipxProviders,
        Set<String> requiredPeerEncryption,
        PolicyMismatchAction onPolicyMismatch,
        Duration contextLifetime,
        String n32fFqdn,
        int n32fPort,
        Optional<Duration> n32KeepaliveTimer) {

    public N32cSettings {
        Objects.requireNonNull(fqdn, "fqdn");
        plmnIds = List.copyOf(plmnIds);
        capabilities = List.copyOf(capabilities);
        jweCipherSuites = List.copyOf(jweCipherSuites);
        jwsCipherSuites = List.copyOf(jwsCipherSuites);
        Objects.requireNonNull(protectionPolicy, "protectionPolicy");
        ipxProviders = List.copyOf(ipxProviders);
        requiredPeerEncryption = Set.copyOf(requiredPeerEncryption);
        Objects.requireNonNull(onPolicyMismatch, "onPolicyMismatch");
        Objects.requireNonNull(contextLifetime, "contextLifetime");
        Objects.requireNonNull(n32fFqdn, "n32fFqdn");
        Objects.requireNonNull(n32KeepaliveTimer, "n32KeepaliveTimer");
        n32KeepaliveTimer.ifPresent(t -> {
            if (t.toSeconds() <= 0) {
                throw new IllegalArgumentException("n32KeepaliveTimer: " + t + " (expected: at least one second)");
            }
        });
    }

    /** Settings without a keepalive timer. */
    public N32cSettings(String fqdn, List<PlmnId> plmnIds, List<SecurityCapability> capabilities,
            List<JweEnc> jweCipherSuites, List<String> jwsCipherSuites, ProtectionPolicy protectionPolicy,
            List<IpxProviderSecInfo> ipxProviders, Set<String> requiredPeerEncryption,
            PolicyMismatchAction onPolicyMismatch, Duration contextLifetime, String n32fFqdn, int n32fPort) {
        this(fqdn, plmnIds, capabilities, jweCipherSuites, jwsCipherSuites, protectionPolicy, ipxProviders,
                requiredPeerEncryption, onPolicyMismatch, contextLifetime, n32fFqdn, n32fPort, Optional.empty());
    }

    /** These settings announcing {@code fqdn}:{@code port} for N32-f (a cluster instance's own, docs/CLUSTER.md). */
    public N32cSettings withAnnouncedN32f(String n32fFqdn, int n32fPort) {
        return new N32cSettings(fqdn, plmnIds, capabilities, jweCipherSuites, jwsCipherSuites, protectionPolicy,
                ipxProviders, requiredPeerEncryption, onPolicyMismatch, contextLifetime, n32fFqdn, n32fPort,
                n32KeepaliveTimer);
    }

    /** The N32-f port as the N32-c messages carry it: absent when none is announced. */
    public java.util.List<Integer> n32fPortsOrNull() {
        return n32fPort == 0 ? null : List.of(n32fPort);
    }

    /** The keepalive timer in seconds, as n32KeepaliveTimer carries it; null when none is announced. */
    public Integer n32KeepaliveSecondsOrNull() {
        return n32KeepaliveTimer.map(t -> (int) Math.min(Integer.MAX_VALUE, t.toSeconds())).orElse(null);
    }

    /**
     * The keepalive both SEPPs can live with: the shorter of the two announced timers, or the one announced
     * (Rel-19 n32KeepaliveTimer; {@code peerSeconds} null when the partner announced none).
     */
    public Optional<Duration> agreedKeepalive(Integer peerSeconds) {
        Optional<Duration> theirs = peerSeconds == null || peerSeconds <= 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(peerSeconds));
        if (theirs.isEmpty()) {
            return n32KeepaliveTimer;
        }
        return n32KeepaliveTimer.map(mine -> mine.compareTo(theirs.get()) <= 0 ? mine : theirs.get()).or(() -> theirs);
    }

    /** The IPX list as the API wants it: absent rather than empty (minItems 1). */
    public List<IpxProviderSecInfo> ipxProvidersOrNull() {
        return ipxProviders.isEmpty() ? null : ipxProviders;
    }

    /** The policy for {@code peer}: the operator's per-partner override, else the global one. */
    public ProtectionPolicy protectionPolicyFor(org.keygate.sepp.peer.PeerSepp peer) {
        return peer.protectionPolicy().orElse(protectionPolicy);
    }
}
