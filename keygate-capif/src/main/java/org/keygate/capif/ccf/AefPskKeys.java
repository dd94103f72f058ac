package org.keygate.capif.ccf;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.capif.AefPsk;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The CCF's AEFPSK bookkeeping, in memory only (DESIGN.md: TLS secrets never outlive their use, so never stored).
 * Per invoker: the CAPIF-1e session the current PSK selection was made on, and the AEFPSKs derived from it. The
 * derivation is lazy (TS 33.122 5.2.2.1 step 2): when an AEF first asks. A new session for an invoker (a new
 * security method request) rotates: the old secrets and keys are destroyed, so a PSK from an earlier session no
 * longer matches anything. Thread-safe.
 */
final class AefPskKeys {
    private final Map<String, Entry> byInvoker = new HashMap<>();

    private static final class Entry {
        Capif1eSession session;
        final Map<AefInterfaceId, SecretBytes> derived = new HashMap<>();
        final java.util.Set<AefInterfaceId> pending = new java.util.HashSet<>();
    }

    /** Binds {@code invokerId}'s PSKs to {@code session} for these interfaces; destroys what came before. */
    synchronized void rotate(String invokerId, Capif1eSession session, java.util.Set<AefInterfaceId> interfaces) {
        forget(invokerId);
        Entry e = new Entry();
        e.session = session;
        interfaces.forEach(i -> e.pending.add(i));
        byInvoker.put(invokerId, e);
        if (e.pending.isEmpty()) {
            forget(invokerId);
        }
    }

    /**
     * AEFPSK of {@code invokerId} for {@code aef}, derived now if not yet. Once every interface of the selection has
     * its key, the master secret is destroyed.
     */
    synchronized Optional<SecretBytes> aefPsk(String invokerId, AefInterfaceId aef) {
        Entry e = byInvoker.get(invokerId);
        if (e == null) {
            return Optional.empty();
        }
        AefInterfaceId id = aef;
        SecretBytes k = e.derived.get(id);
        if (k == null && e.pending.remove(id)) {
            k = AefPsk.derive(e.session.masterSecret(), id, e.session.sessionId());
            e.derived.put(id, k);
            if (e.pending.isEmpty()) {
                e.session.masterSecret().destroy();
            }
        }
        return Optional.ofNullable(k);
    }

    synchronized void forget(String invokerId) {
        Entry e = byInvoker.remove(invokerId);
        if (e != null) {
            if (!e.session.masterSecret().isDestroyed()) {
                e.session.masterSecret().destroy();
            }
            e.derived.values().forEach(SecretBytes::destroy);
        }
    }

    /** Whether the master secret of {@code invokerId}'s session is still held (for tests of its lifetime). */
    synchronized boolean holdsMasterSecret(String invokerId) {
        Entry e = byInvoker.get(invokerId);
        return e != null && !e.session.masterSecret().isDestroyed();
    }
}
