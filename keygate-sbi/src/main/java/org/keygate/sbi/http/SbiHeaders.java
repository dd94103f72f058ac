package org.keygate.sbi.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HTTP header fields in wire order, names lowercased (RFC 9113 8.2.2). Immutable. */
public record SbiHeaders(List<Map.Entry<String, String>> entries) {
    private static final SbiHeaders EMPTY = new SbiHeaders(List.of());

    public SbiHeaders {
        List<Map.Entry<String, String>> copy = new ArrayList<>(entries.size());
        for (Map.Entry<String, String> e : entries) {
            copy.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        }
        // The copy is this record's alone: wrapped, not copied a second time (List.copyOf was 1.5% of a SEPP's
        // samples per forwarded request, issue 10).
        entries = java.util.Collections.unmodifiableList(copy);
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
        String n = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(n)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(n)) {
                values.add(e.getValue());
            }
        }
        return List.copyOf(values);
    }

    public SbiHeaders with(String name, String value) {
        List<Map.Entry<String, String>> list = new ArrayList<>(entries);
        list.add(Map.entry(name, value));
        return new SbiHeaders(list);
    }
}
