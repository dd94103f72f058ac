package org.keygate.capif.ccf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;

/**
 * Finds the published interface a SecurityInformation entry means (TS 29.222 8.5.4.2.3: interfaceDetails, or
 * aefId). keygate also needs the API: with aefId, {@code apiId} must be given; with interfaceDetails, the interface
 * must be published for exactly one API (else {@code apiId} says which).
 */
final class PublishedInterfaces {
    private PublishedInterfaces() {}

    static ResolvedInterface resolve(CcfState state, SecurityInformation s) {
        List<ResolvedInterface> all = new ArrayList<>();
        for (StoredService svc : state.services.values()) {
            if (s.apiId() != null && !s.apiId().equals(svc.apiId())) {
                continue;
            }
            for (AefProfile p : svc.description().aefProfiles()) {
                if (s.aefId() != null && !s.aefId().equals(p.aefId())) {
                    continue;
                }
                for (InterfaceDescription i : p.interfaceDescriptions()) {
                    if (s.interfaceDetails() != null && !sameInterface(s.interfaceDetails(), i)) {
                        continue;
                    }
                    all.add(new ResolvedInterface(svc.apiId(), p.aefId(), i,
                            i.securityMethods() != null ? i.securityMethods() : p.securityMethods()));
                }
            }
        }
        if (s.interfaceDetails() == null && s.aefId() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("securityInfo[] needs interfaceDetails or aefId");
        }
        if (all.isEmpty()) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("securityInfo[] names no published AEF interface");
        }
        if (all.size() > 1) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("securityInfo[] is ambiguous: give apiId and aefId"
                    + " with interfaceDetails");
        }
        return all.getFirst();
    }

    private static boolean sameInterface(InterfaceDescription a, InterfaceDescription b) {
        return Objects.equals(a.host(), b.host()) && Objects.equals(a.port(), b.port())
                && Objects.equals(a.apiPrefix() == null ? "" : a.apiPrefix(), b.apiPrefix() == null ? "" : b.apiPrefix());
    }
}
