package org.keygate.sepp.edge;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keygate.tls.plmn.PlmnId;

/**
 * Topology hiding of own-PLMN NF FQDNs (TS 33.501 5.9.3.2 "limiting the internal topology information visible to
 * external parties"): each internal FQDN has a pseudonym FQDN shown to peers, mapped back on the way in.
 *
 * @param pseudonyms internal FQDN to pseudonym FQDN, one to one, lowercase.
 * @param headers the headers whose URI values are rewritten (lowercase), by default {@code location} and
 *     {@code content-location} out and {@code 3gpp-sbi-target-apiroot} in.
 * @param ownPlmns the PLMNs whose 5GC FQDNs count as internal.
 * @param refuseUnmapped whether a header naming an internal FQDN without pseudonym stops the message (true) or
 *     passes unchanged (false, which leaks that FQDN).
 */
public record TopologyHidingSettings(Map<String, String> pseudonyms, Set<String> headers, Set<PlmnId> ownPlmns,
        boolean refuseUnmapped) {

    public TopologyHidingSettings {
        pseudonyms = Map.copyOf(pseudonyms);
        headers = Set.copyOf(headers);
        ownPlmns = Set.copyOf(ownPlmns);
    }

    /** Pseudonym to internal FQDN. */
    public Map<String, String> originals() {
        Map<String, String> m = new HashMap<>();
        pseudonyms.forEach((k, v) -> m.put(v, k));
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> pseudonyms = new LinkedHashMap<>();
        private final Set<String> headers =
                new LinkedHashSet<>(List.of("location", "content-location", "3gpp-sbi-target-apiroot"));
        private final Set<PlmnId> ownPlmns = new LinkedHashSet<>();
        private boolean refuseUnmapped = true;

        private Builder() {}

        /** {@code internal} is shown to peers as {@code pseudonym}; both FQDNs of an own PLMN. */
        public Builder hide(String internal, String pseudonym) {
            String i = fqdn("internal", internal);
            String p = fqdn("pseudonym", pseudonym);
            if (i.equals(p)) {
                throw new IllegalArgumentException("pseudonym of " + internal + ": the same name (expected: another)");
            }
            if (pseudonyms.containsKey(i) || pseudonyms.containsValue(p) || pseudonyms.containsKey(p)
                    || pseudonyms.containsValue(i)) {
                throw new IllegalArgumentException("pseudonyms: " + internal + " -> " + pseudonym
                        + " (expected: each name in one pair only)");
            }
            pseudonyms.put(i, p);
            return this;
        }

        public Builder headers(Set<String> names) {
            headers.clear();
            names.forEach(n -> headers.add(n.toLowerCase(Locale.ROOT)));
            return this;
        }

        public Builder ownPlmn(PlmnId plmn) {
            ownPlmns.add(plmn);
            return this;
        }

        public Builder refuseUnmapped(boolean refuse) {
            this.refuseUnmapped = refuse;
            return this;
        }

        public TopologyHidingSettings build() {
            if (ownPlmns.isEmpty()) {
                throw new IllegalStateException("ownPlmns: [] (expected: the PLMNs whose FQDNs are hidden)");
            }
            for (Map.Entry<String, String> e : pseudonyms.entrySet()) {
                for (String n : List.of(e.getKey(), e.getValue())) {
                    if (PlmnId.fromFqdn(n).filter(ownPlmns::contains).isEmpty()) {
                        throw new IllegalStateException("pseudonyms: " + n + " (expected: a 5GC FQDN of "
                                + ownPlmns + ")");
                    }
                }
            }
            return new TopologyHidingSettings(pseudonyms, headers, ownPlmns, refuseUnmapped);
        }

        private static String fqdn(String what, String name) {
            if (name == null || !name.matches("^[A-Za-z0-9.-]{1,253}$")) {
                throw new IllegalArgumentException(what + ": " + name + " (expected: an FQDN)");
            }
            String n = name.toLowerCase(Locale.ROOT);
            return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        }
    }
}
