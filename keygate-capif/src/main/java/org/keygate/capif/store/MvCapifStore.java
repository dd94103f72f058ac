package org.keygate.capif.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.keygate.sbi.json.SbiJson;

/**
 * The default {@link CapifStore}: H2's MVStore, embedded, values stored as JSON text. Every write is committed
 * before it returns, so what the CCF acknowledged is on disk. {@link #inMemory()} keeps nothing (tests, labs).
 *
 * <p>One process owns the file: MVStore locks it, and a second opener fails with a clear message.
 */
public final class MvCapifStore implements CapifStore {
    private final MVStore store;

    private MvCapifStore(MVStore store) {
        this.store = store;
    }

    /** Opens (creating if needed) the store file {@code file}. */
    public static MvCapifStore open(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Auto-commit off: each write commits itself, so durability does not depend on a background thread.
            return new MvCapifStore(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
        } catch (Exception e) {
            throw new CapifStateException("cannot open the CAPIF store " + file + ": " + e.getMessage());
        }
    }

    public static MvCapifStore inMemory() {
        return new MvCapifStore(new MVStore.Builder().autoCommitDisabled().open());
    }

    @Override
    public <T> StoreMap<T> map(String name, Class<T> type) {
        return new JsonMap<>(store.openMap(name), type);
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private final class JsonMap<T> implements StoreMap<T> {
        private final MVMap<String, String> map;
        private final Class<T> type;

        JsonMap(MVMap<String, String> map, Class<T> type) {
            this.map = map;
            this.type = type;
        }

        @Override
        public Optional<T> get(String id) {
            String json = map.get(id);
            return json == null ? Optional.empty() : Optional.of(SbiJson.read(json.getBytes(StandardCharsets.UTF_8), type));
        }

        @Override
        public void put(String id, T value) {
            map.put(id, json(value));
            store.commit();
        }

        @Override
        public boolean putIfAbsent(String id, T value) {
            boolean free = map.putIfAbsent(id, json(value)) == null;
            store.commit();
            return free;
        }

        @Override
        public boolean remove(String id) {
            boolean was = map.remove(id) != null;
            store.commit();
            return was;
        }

        @Override
        public List<T> values() {
            List<T> out = new ArrayList<>();
            for (String json : map.values()) {
                out.add(SbiJson.read(json.getBytes(StandardCharsets.UTF_8), type));
            }
            return out;
        }

        private String json(T value) {
            return new String(SbiJson.write(Objects.requireNonNull(value, "value")), StandardCharsets.UTF_8);
        }
    }
}
