package org.keygate.capif.ccf;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.keygate.capif.store.AefPskFiles;
import org.keygate.capif.store.StoredAefPsks;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.capif.AefPsk;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CCF's AEFPSK bookkeeping. Per invoker: the CAPIF-1e session the current PSK selection was made on, and the
 * AEFPSKs derived from it. A new session for an invoker (a new security method request) rotates: the old secrets
 * and keys are destroyed, so a PSK from an earlier session no longer matches anything. Thread-safe.
 *
 * <p>Two ways to keep them (TS 33.122 5.2.2.1 lets the CCF derive AEFPSK when the security method is selected or when
 * the AEF first asks, step 2):
 * <ul>
 * <li>In memory only (no {@link AefPskFiles}: embedded CCFs, tests): derived lazily, when an AEF first asks; the
 *     master secret is destroyed once every interface of the selection has its key. A restart forgets everything.
 * <li>With {@link AefPskFiles} (the daemon, in its stateDir): every key of the selection is derived at once and the
 *     master secret destroyed before the file is written, so a master secret never reaches the disk; the keys survive
 *     a restart (issue 20: the AEF's lookups for contexts made before it are answered after it), and
 *     {@link #restore} reads them back at start. The file is written before the invoker's request is answered.
 * </ul>
 */
final class AefPskKeys {
    private static final Logger LOG = LoggerFactory.getLogger(AefPskKeys.class);
    private final Map<String, Entry> byInvoker = new HashMap<>();
    private final Optional<AefPskFiles> files;
    /** Serializes file writes, so that the last write of an invoker carries its latest keys. */
    private final Object fileLock = new Object();

    private static final class Entry {
        Capif1eSession session;
        final Map<AefInterfaceId, SecretBytes> derived = new HashMap<>();
        final Set<AefInterfaceId> pending = new HashSet<>();
    }

    /** In memory only. */
    AefPskKeys() {
        this(Optional.empty());
    }

    AefPskKeys(Optional<AefPskFiles> files) {
        this.files = files;
    }

    /**
     * Reads the files back (nothing without files); keys of invokers {@code hasPskContext} rejects (offboarded or
     * revoked while a write or delete was lost in a crash) are deleted. A file it cannot use throws
     * {@link org.keygate.capif.store.CapifStateException} naming it. Returns the number of invokers restored.
     */
    int restore(Predicate<String> hasPskContext) {
        if (files.isEmpty()) {
            return 0;
        }
        int restored = 0;
        for (StoredAefPsks k : files.get().load().values()) {
            if (!hasPskContext.test(k.apiInvokerId())) {
                files.get().delete(k.apiInvokerId());
                k.keys().values().forEach(SecretBytes::destroy);
                LOG.info("AEFPSKs of {} dropped at start: no PSK security context for it in the store", k.apiInvokerId());
                continue;
            }
            synchronized (this) {
                Entry e = new Entry();
                e.derived.putAll(k.keys());
                byInvoker.put(k.apiInvokerId(), e);
            }
            restored++;
        }
        return restored;
    }

    /** Binds {@code invokerId}'s PSKs to {@code session} for these interfaces; destroys what came before. */
    void rotate(String invokerId, Capif1eSession session, Set<AefInterfaceId> interfaces) {
        synchronized (this) {
            drop(invokerId);
            if (interfaces.isEmpty()) {
                session.masterSecret().destroy();
            } else {
                Entry e = new Entry();
                e.session = session;
                e.pending.addAll(interfaces);
                byInvoker.put(invokerId, e);
                if (files.isPresent()) {
                    interfaces.forEach(i -> derive(e, i));
                }
            }
        }
        persist(invokerId);
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
        SecretBytes k = e.derived.get(aef);
        if (k == null && e.pending.contains(aef)) {
            k = derive(e, aef);
        }
        return Optional.ofNullable(k);
    }

    /** Destroys {@code invokerId}'s secrets and keys, and deletes its file. */
    void forget(String invokerId) {
        synchronized (this) {
            drop(invokerId);
        }
        persist(invokerId);
    }

    /** Whether the master secret of {@code invokerId}'s session is still held (for tests of its lifetime). */
    synchronized boolean holdsMasterSecret(String invokerId) {
        Entry e = byInvoker.get(invokerId);
        return e != null && e.session != null && !e.session.masterSecret().isDestroyed();
    }

    /** Invokers whose keys are held (a gauge). */
    synchronized int size() {
        return byInvoker.size();
    }

    private SecretBytes derive(Entry e, AefInterfaceId aef) {
        SecretBytes k = AefPsk.derive(e.session.masterSecret(), aef, e.session.sessionId());
        e.derived.put(aef, k);
        e.pending.remove(aef);
        if (e.pending.isEmpty()) {
            e.session.masterSecret().destroy();
        }
        return k;
    }

    private void drop(String invokerId) {
        Entry e = byInvoker.remove(invokerId);
        if (e != null) {
            if (e.session != null && !e.session.masterSecret().isDestroyed()) {
                e.session.masterSecret().destroy();
            }
            e.derived.values().forEach(SecretBytes::destroy);
        }
    }

    /** Writes (or deletes) {@code invokerId}'s file with the keys held now; nothing without files. */
    private void persist(String invokerId) {
        if (files.isEmpty()) {
            return;
        }
        synchronized (fileLock) {
            StoredAefPsks now;
            synchronized (this) {
                Entry e = byInvoker.get(invokerId);
                // Copies: the entry's keys may be destroyed by a rotation while the file is written.
                now = e == null || e.derived.isEmpty() ? null : new StoredAefPsks(invokerId, copies(e.derived));
            }
            try {
                if (now == null) {
                    files.get().delete(invokerId);
                } else {
                    files.get().write(now);
                }
            } finally {
                if (now != null) {
                    now.keys().values().forEach(SecretBytes::destroy);
                }
            }
        }
    }

    private static Map<AefInterfaceId, SecretBytes> copies(Map<AefInterfaceId, SecretBytes> keys) {
        Map<AefInterfaceId, SecretBytes> out = new HashMap<>();
        keys.forEach((i, k) -> {
            byte[] raw = k.toByteArray(InsecureSecretAccess.get());
            try {
                out.put(i, SecretBytes.copyOf(raw));
            } finally {
                java.util.Arrays.fill(raw, (byte) 0);
            }
        });
        return out;
    }
}
