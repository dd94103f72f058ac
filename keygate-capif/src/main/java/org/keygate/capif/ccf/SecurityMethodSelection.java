package org.keygate.capif.ccf;

import java.util.List;
import java.util.Optional;
import org.keygate.capif.model.SecurityMethod;

/**
 * TS 33.122 5.2.1 / TS 29.222 5.6.2.2.2 step 1: the CCF chooses one security method per AEF interface from the
 * invoker's preference, the interface's methods and the CCF's local policy. keygate's rule: the first method in the
 * invoker's order that the interface supports and the policy allows; PSK only when the invoker's CAPIF-1e session
 * can bootstrap AEFPSK (TLS 1.2 with its secrets held, DESIGN.md). Unknown methods are never chosen.
 */
public final class SecurityMethodSelection {
    private SecurityMethodSelection() {}

    public static Optional<SecurityMethod> select(List<SecurityMethod> invokerPreference,
            List<SecurityMethod> interfaceMethods, List<SecurityMethod> policy, boolean pskBootstrappable) {
        for (SecurityMethod m : invokerPreference) {
            if (!m.known() || !interfaceMethods.contains(m) || !policy.contains(m)) {
                continue;
            }
            if (m.equals(SecurityMethod.PSK) && !pskBootstrappable) {
                continue;
            }
            return Optional.of(m);
        }
        return Optional.empty();
    }
}
