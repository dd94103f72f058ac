package org.keygate.sbi.http;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/** HTTP header fields in wire order, names lowercased (RFC 9113 8.2.2). Immutable. */
public record SbiHeaders(List<Map.Entry<String, String>> entries) {
    private static final SbiHeaders EMPTY = new SbiHeaders(List.of());

    /** The class of {@code Map.entry}'s entries: immutable, so one whose name is already lowercase is kept as is. */
    private static final Class<?> IMMUTABLE_ENTRY = Map.entry("", "").getClass();

    public SbiHeaders {
        if (!(entries instanceof Lowercased)) {
            // Header lists go from one SbiHeaders to the next several times per forwarded message (issue 10): a list
            // made here is taken as it is, and an entry already in lower case is not made again.
            Object[] copy = new Object[entries.size()];
            int i = 0;
            for (Map.Entry<String, String> e : entries) {
                String lower = lowercase(e.getKey());
                copy[i++] = lower == e.getKey() && e.getClass() == IMMUTABLE_ENTRY ? e : Map.entry(lower, e.getValue());
            }
            entries = new Lowercased(copy);
        }
    }

    public static SbiHeaders empty() {
        return EMPTY;
    }

    /** {@code of("content-type", "application/json", "accept", "*\/*")}. */
    public static SbiHeaders of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            list.add(Map.entry(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return new SbiHeaders(list);
    }

    public Optional<String> first(String name) {
        // A loop, not a stream: asked several times per forwarded message (issue 10's profiles).
        String n = lowercase(name);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(n)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        String n = lowercase(name);
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(n)) {
                values.add(e.getValue());
            }
        }
        return List.copyOf(values);
    }

    public SbiHeaders with(String name, String value) {
        Object[] copy = ((Lowercased) entries).entries;
        copy = java.util.Arrays.copyOf(copy, copy.length + 1);
        copy[copy.length - 1] = Map.entry(lowercase(name), value);
        return new SbiHeaders(new Lowercased(copy));
    }

    /**
     * {@code name.toLowerCase(Locale.ROOT)}, and {@code name} itself when it has no ASCII capital and nothing beyond
     * ASCII (the rule for every field name that came in HTTP/2, RFC 9113 8.2.1): the JDK's check looks each character
     * up in its case tables, which was 2.8 % of a TLS-mode SEPP's samples for names that never change (issue 10).
     */
    static String lowercase(String name) {
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** This record's list: entries with lowercase names, never changed after the constructor. */
    private static final class Lowercased extends AbstractList<Map.Entry<String, String>> implements RandomAccess {
        private final Object[] entries;

        Lowercased(Object[] entries) {
            this.entries = entries;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<String, String> get(int index) {
            return (Map.Entry<String, String>) entries[index];
        }

        @Override
        public int size() {
            return entries.length;
        }
    }
}
