package org.keygate.ims.kms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.keygate.ims.mikey.ReplayJournal;

/**
 * The KMS's replay state on disk: H2's MVStore (the engine of the CAPIF store), one map of message digest to expiry
 * (epoch milliseconds). Each change commits before it returns, so a REQUEST_INIT or RESOLVE_INIT the KMS answered is
 * refused as a replay after a restart, within its skew window. Tickets themselves need no state: they are protected
 * by the TPK from the configuration, so a ticket issued before a restart resolves after it. One process owns the
 * file (MVStore locks it).
 */
public final class MvReplayJournal implements ReplayJournal, AutoCloseable {
    private final MVStore store;
    private final MVMap<String, Long> entries;

    private MvReplayJournal(MVStore store) {
        this.store = store;
        this.entries = store.openMap("replay");
    }

    /** Opens (creating if needed) {@code file}. */
    public static MvReplayJournal open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new MvReplayJournal(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the KMS state " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Map<String, Instant> entries() {
        Map<String, Instant> out = new HashMap<>();
        entries.forEach((k, v) -> out.put(k, Instant.ofEpochMilli(v)));
        return out;
    }

    @Override
    public synchronized void added(String digest, Instant expiry) {
        entries.put(digest, expiry.toEpochMilli());
        store.commit();
    }

    @Override
    public synchronized void removed(String digest) {
        if (entries.remove(digest) != null) {
            store.commit();
        }
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
