package org.keygate.n32.ri;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;

/**
 * Turns a TS 29.573 ProtectionPolicy's modification part (TS 33.501 13.2.3.4: {@code IeInfo.isModifiable} and, per
 * RI, {@code isModifiableByIpx}) into the {@link ModificationPolicy} one Roaming Intermediary is held to.
 *
 * <p>An IE is modifiable by RI {@code X} when {@code isModifiableByIpx} names X with {@code true}, or, when it does
 * not name X, when {@code isModifiable} is {@code true}. Only JSON body IEs ({@code ieLoc} BODY with a JSON pointer
 * in {@code reqIe}/{@code rspIe}) become paths: keygate carries a body as one payload entry (DESIGN.md), so an IE
 * at pointer {@code /a/b} sits at {@code /payload/*}{@code /value/a/b} of the DataToIntegrityProtectBlock. Headers
 * and URI parts are never modifiable: no pointer can name one header without allowing the others.
 *
 * <p>The derived policy is the union over the policy's APIs: a body pointer modifiable in one API is modifiable
 * wherever it occurs. Operators who need per-API scoping keep modifiable IEs to names that mean the same everywhere.
 */
public final class ModificationPolicies {
    static final String BODY_VALUE = "/payload/*/value";

    private ModificationPolicies() {}

    public static ModificationPolicy derive(ProtectionPolicy policy, String ipxId) {
        if (policy == null || ipxId == null) {
            return ModificationPolicy.none();
        }
        Set<String> paths = new LinkedHashSet<>();
        for (ApiIeMapping api : policy.apiIeMappingList()) {
            for (IeInfo ie : api.ieList()) {
                if ("BODY".equals(ie.ieLoc()) && modifiableBy(ie, ipxId)) {
                    addPointer(paths, ie.reqIe());
                    addPointer(paths, ie.rspIe());
                }
            }
        }
        return new ModificationPolicy(new ArrayList<>(paths));
    }

    private static boolean modifiableBy(IeInfo ie, String ipxId) {
        Map<String, Boolean> byIpx = ie.isModifiableByIpx();
        if (byIpx != null) {
            for (Map.Entry<String, Boolean> e : byIpx.entrySet()) {
                if (e.getKey().equalsIgnoreCase(ipxId)) {
                    return Boolean.TRUE.equals(e.getValue());
                }
            }
        }
        return Boolean.TRUE.equals(ie.isModifiable());
    }

    private static void addPointer(Set<String> paths, String pointer) {
        if (pointer != null && pointer.startsWith("/") && !pointer.contains("encBlockIndex")) {
            paths.add(BODY_VALUE + pointer);
        }
    }
}
