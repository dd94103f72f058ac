package org.keygate.n32.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.n32.ri.ModificationPolicies;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;

/**
 * Compares a partner's protection policy with the one configured for it (TS 33.501 13.2.3.6: "it shall compare it to
 * the one that has been manually configured for this specific roaming partner and RI provider").
 *
 * <p>Both parts are compared, and any difference is a mismatch, one {@link InvalidParam} each (the
 * policyMismatchList of n32f-error):
 * <ul>
 *   <li>the data-type encryption policy: every type of {@code requiredPeerEncryption} must be listed (by default
 *       the types TS 33.501 5.9.3.3 always encrypts), and the received list must equal the configured one as a set;
 *   <li>the modification policy, per RI provider: for each provider used with this partner (and each one either
 *       policy names in {@code isModifiableByIpx}), and for any other RI, the IEs the received policy lets it modify
 *       must be the ones the configured policy does ({@link ModificationPolicies}).
 * </ul>
 * NOTE 1 of 13.2.3.6: operators agree both policies beforehand; N32-c only detects misconfiguration.
 */
public final class ProtectionPolicyCheck {
    /** TS 33.501 5.9.3.3: always confidentiality protected, whatever the policy (TS 29.573 IeType names). */
    public static final Set<String> ALWAYS_ENCRYPTED =
            Set.of("AUTHENTICATION_MATERIAL", "KEY_MATERIAL", "LOCATION", "AUTHORIZATION_TOKEN");
    /** Stands for every RI the policies do not name: the {@code isModifiable} rule. */
    static final String ANY_OTHER_RI = "any other RI";

    private ProtectionPolicyCheck() {}

    /** Only the required types (no configured policy to compare with). */
    public static List<InvalidParam> mismatches(Set<String> requiredPeerEncryption, ProtectionPolicy peerPolicy) {
        List<String> declared = peerPolicy.dataTypeEncPolicy() == null ? List.of() : peerPolicy.dataTypeEncPolicy();
        List<InvalidParam> out = new ArrayList<>();
        requiredPeerEncryption.stream().sorted().filter(t -> !declared.contains(t)).forEach(t -> out.add(
                new InvalidParam("/dataTypeEncPolicy", "data type " + t + " is required to be encrypted")));
        return out;
    }

    /**
     * Every difference between {@code received} and {@code configured} for the partner whose RI providers are
     * {@code riProviders}.
     */
    public static List<InvalidParam> mismatches(Set<String> requiredPeerEncryption, ProtectionPolicy configured,
            ProtectionPolicy received, Set<String> riProviders) {
        List<InvalidParam> out = mismatches(requiredPeerEncryption, received);
        Set<String> reported = new HashSet<>(requiredPeerEncryption);
        Set<String> mine = types(configured);
        Set<String> theirs = types(received);
        for (String t : theirs) {
            if (!mine.contains(t)) {
                out.add(new InvalidParam("/dataTypeEncPolicy",
                        "data type " + t + " is encrypted by the received policy, not by the configured one"));
            }
        }
        for (String t : mine) {
            if (!theirs.contains(t) && !reported.contains(t)) {
                out.add(new InvalidParam("/dataTypeEncPolicy",
                        "data type " + t + " is encrypted by the configured policy, not by the received one"));
            }
        }
        Set<String> providers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        providers.addAll(riProviders);
        providers.addAll(namedProviders(configured));
        providers.addAll(namedProviders(received));
        providers.add(ANY_OTHER_RI);
        for (String ri : providers) {
            Set<String> allowedMine = modifiable(configured, ri);
            Set<String> allowedTheirs = modifiable(received, ri);
            if (!allowedMine.equals(allowedTheirs)) {
                Set<String> onlyTheirs = new TreeSet<>(allowedTheirs);
                onlyTheirs.removeAll(allowedMine);
                Set<String> onlyMine = new TreeSet<>(allowedMine);
                onlyMine.removeAll(allowedTheirs);
                out.add(new InvalidParam("/apiIeMappingList", "modification policy for " + ri
                        + ": modifiable only in the received policy " + onlyTheirs
                        + ", only in the configured one " + onlyMine));
            }
        }
        return out;
    }

    private static Set<String> types(ProtectionPolicy p) {
        return p == null || p.dataTypeEncPolicy() == null ? Set.of() : new TreeSet<>(p.dataTypeEncPolicy());
    }

    private static Set<String> modifiable(ProtectionPolicy p, String ri) {
        // ANY_OTHER_RI contains blanks, so no isModifiableByIpx key names it: derive() falls back to isModifiable.
        return new TreeSet<>(ModificationPolicies.derive(p, ri).modifiablePaths());
    }

    private static Set<String> namedProviders(ProtectionPolicy p) {
        Set<String> out = new HashSet<>();
        if (p == null || p.apiIeMappingList() == null) {
            return out;
        }
        for (ApiIeMapping api : p.apiIeMappingList()) {
            if (api == null || api.ieList() == null) {
                continue;
            }
            for (IeInfo ie : api.ieList()) {
                if (ie != null && ie.isModifiableByIpx() != null) {
                    out.addAll(ie.isModifiableByIpx().keySet());
                }
            }
        }
        return out;
    }
}
