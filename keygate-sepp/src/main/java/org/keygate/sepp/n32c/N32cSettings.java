package org.keygate.sepp.n32c;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.sepp.n32c.model.IpxProviderSecInfo;
import org.keygate.sepp.n32c.model.ProtectionPolicy;
import org.keygate.sepp.n32c.model.SecurityCapability;
import org.keygate.sepp.policy.PolicyMismatchAction;
import org.keygate.tls.plmn.PlmnId;

/**
 * This SEPP's side of the N32-c handshake, frozen from the configuration: who it is and what it offers, each list
 * in priority order.
 *
 * @param requiredPeerEncryption IeType names the peer's data-type encryption policy must contain
 *     (TS 33.501 13.2.3.6; see {@link org.keygate.sepp.policy.ProtectionPolicyCheck}).
 * @param n32fPort the port announced in senderN32fPort(List) for N32-f; 0 when not announced.
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
        int n32fPort) {

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
