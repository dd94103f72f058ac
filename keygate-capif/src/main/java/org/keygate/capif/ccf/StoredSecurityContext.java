package org.keygate.capif.ccf;

import java.util.List;

/**
 * An invoker's security context (TS 29.222 8.5.2.3): the selected method per interface, no secrets.
 * {@code pskGeneration} counts the CAPIF-1e sessions AEFPSK was bound to, so a rotation is visible in the store.
 */
public record StoredSecurityContext(String apiInvokerId, List<StoredSecurityEntry> entries,
        String notificationDestination, String supportedFeatures, int pskGeneration) {
    public StoredSecurityContext {
        entries = List.copyOf(entries);
    }
}
