package org.keygate.n32.policy;

import java.util.List;
import org.keygate.n32.n32c.model.SecurityCapability;

/**
 * The responding SEPP's choice of N32 protection mechanism (TS 33.501 13.5 step 2): the first mechanism in the
 * responder's own priority order that the initiator also offered. Values keygate does not know are skipped
 * (the enumeration is extensible); with nothing in common the answer is {@link SecurityCapability#NONE}.
 */
public final class CapabilitySelection {
    private CapabilitySelection() {}

    public static SecurityCapability select(List<SecurityCapability> localPriority, List<SecurityCapability> offered) {
        for (SecurityCapability mine : localPriority) {
            if (mine.isKnownMechanism() && offered.contains(mine)) {
                return mine;
            }
        }
        return SecurityCapability.NONE;
    }
}
