package org.keygate.capif.store;

/**
 * The CCF's persistent state: named maps from an ID to a record. Implementations must make a {@code put} durable
 * before it returns (a restart after a 201 must still know the resource) and be safe for concurrent use.
 */
public interface CapifStore extends AutoCloseable {
    /** The map called {@code name}, its values read and written as JSON of {@code type}. */
    <T> StoreMap<T> map(String name, Class<T> type);

    @Override
    void close();
}
