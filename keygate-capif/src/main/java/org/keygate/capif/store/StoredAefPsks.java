package org.keygate.capif.store;

import java.util.Map;
import java.util.Objects;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The AEFPSKs of one invoker's current CAPIF-1e session, one per AEF interface (TS 33.122 A.1: AEFPSK is bound to
 * the interface, P0), as {@link AefPskFiles} keeps them. Prints the invoker and the interfaces, never a key.
 */
public record StoredAefPsks(String apiInvokerId, Map<AefInterfaceId, SecretBytes> keys) {
    public StoredAefPsks {
        Objects.requireNonNull(apiInvokerId, "apiInvokerId");
        keys = Map.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: empty (expected: at least one interface)");
        }
    }

    @Override
    public String toString() {
        return "StoredAefPsks[" + apiInvokerId + ", " + keys.keySet().stream().map(AefInterfaceId::text).sorted().toList()
                + "]";
    }
}
