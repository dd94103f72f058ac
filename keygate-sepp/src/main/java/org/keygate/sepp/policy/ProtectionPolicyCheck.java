package org.keygate.sepp.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sepp.n32c.model.ProtectionPolicy;

/**
 * Compares a peer's protection policy with what this SEPP requires of it (TS 33.501 13.2.3.6).
 *
 * <p>keygate's rule: the peer's data-type encryption policy must list every data type this SEPP requires
 * ({@code requiredPeerEncryption}, by default the types TS 33.501 5.9.3.3 says are always encrypted). Each missing
 * type is one {@link InvalidParam} of the policyMismatchList sent with n32f-error.
 */
public final class ProtectionPolicyCheck {
    /** TS 33.501 5.9.3.3: always confidentiality protected, whatever the policy (TS 29.573 IeType names). */
    public static final Set<String> ALWAYS_ENCRYPTED =
            Set.of("AUTHENTICATION_MATERIAL", "KEY_MATERIAL", "LOCATION", "AUTHORIZATION_TOKEN");

    private ProtectionPolicyCheck() {}

    public static List<InvalidParam> mismatches(Set<String> requiredPeerEncryption, ProtectionPolicy peerPolicy) {
        List<String> declared = peerPolicy.dataTypeEncPolicy() == null ? List.of() : peerPolicy.dataTypeEncPolicy();
        List<InvalidParam> out = new ArrayList<>();
        requiredPeerEncryption.stream().sorted().filter(t -> !declared.contains(t)).forEach(t -> out.add(
                new InvalidParam("/dataTypeEncPolicy", "data type " + t + " is required to be encrypted")));
        return out;
    }
}
