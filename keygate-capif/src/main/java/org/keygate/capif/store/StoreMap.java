package org.keygate.capif.store;

import java.util.List;
import java.util.Optional;

/** One named map of a {@link CapifStore}. */
public interface StoreMap<T> {
    Optional<T> get(String id);

    /** Stores {@code value} under {@code id}, durably. */
    void put(String id, T value);

    /** Stores {@code value} only if {@code id} is free; false if it was taken. */
    boolean putIfAbsent(String id, T value);

    /** Removes {@code id}; true if it was there. */
    boolean remove(String id);

    /** Every value, in ID order. */
    List<T> values();
}
