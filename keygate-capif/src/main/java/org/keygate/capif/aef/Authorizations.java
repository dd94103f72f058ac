package org.keygate.capif.aef;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.sbi.server.SbiConnection;

/**
 * What the AEF knows of each invoker: the APIs the CCF authorized it for here (from the last CCF answer), and its
 * open CAPIF-2e connections, so that a revocation closes them at once. Thread-safe.
 */
final class Authorizations {
    private final Map<String, Set<String>> apis = new ConcurrentHashMap<>();
    private final Map<String, Set<SbiConnection>> connections = new ConcurrentHashMap<>();

    void grant(String invokerId, Set<String> apiIds) {
        apis.put(invokerId, Set.copyOf(apiIds));
    }

    boolean allows(String invokerId, String apiId) {
        return apis.getOrDefault(invokerId, Set.of()).contains(apiId);
    }

    boolean known(String invokerId) {
        return apis.containsKey(invokerId);
    }

    void track(String invokerId, SbiConnection c) {
        connections.computeIfAbsent(invokerId, k -> ConcurrentHashMap.newKeySet()).add(c);
        c.closeFuture().thenRun(() -> connections.getOrDefault(invokerId, Set.of()).remove(c));
    }

    /** Forgets the invoker's authorization and closes its CAPIF-2e connections. */
    void revoke(String invokerId) {
        apis.remove(invokerId);
        Set<SbiConnection> open = connections.remove(invokerId);
        if (open != null) {
            open.forEach(SbiConnection::close);
        }
    }
}
