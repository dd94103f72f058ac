package org.keygate.sepp.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.tls.plmn.PlmnId;

/**
 * Telescopic FQDNs of this SEPP (TS 33.501 13.1.1.1, TS 23.003 28.5.2): {@code <label>.<seppDomain>}, one label
 * that stands for the FQDN of an NF in a foreign PLMN, and the mapping table behind the {@code nsepp-telescopic}
 * API (TS 29.573 6.3).
 *
 * <p>Label form (keygate decision, docs/ROUTING.md): a foreign FQDN without "-" whose label would fit in 63
 * characters is written with "-" as the unique delimiter in place of "." (TS 33.501 13.1.1.1 step 3 reverses it by
 * "replacing the unique delimiter in the label with the period character"), so such labels need no state and
 * survive a restart; any other FQDN gets {@code t} followed by 24 hex digits of its SHA-256, kept in a bounded
 * table. Both forms are deterministic, so every SEPP node of one PLMN gives the same label.
 *
 * <p>Thread-safe.
 */
public final class TelescopicFqdns {
    /** RFC 1035 2.3.4: a DNS label is at most 63 octets. */
    public static final int MAX_LABEL_LENGTH = 63;
    /** Default bound on hashed labels remembered (each entry is a few hundred octets). */
    public static final int DEFAULT_MAX_HASHED_ENTRIES = 100_000;
    private static final String FOREIGN_SUFFIX = ".3gppnetwork.org";
    private static final String DELIMITED_SUFFIX = "-3gppnetwork-org";
    private static final int HASH_HEX_DIGITS = 24;

    private final String seppDomain;
    private final int maxHashedEntries;
    private final ConcurrentHashMap<String, String> hashed = new ConcurrentHashMap<>();

    /**
     * @param seppDomain this SEPP's domain, e.g. {@code sepp.5gc.mnc001.mcc001.3gppnetwork.org} (TS 23.003 28.5.2).
     */
    public TelescopicFqdns(String seppDomain, int maxHashedEntries) {
        String d = strip(Objects.requireNonNull(seppDomain, "seppDomain"));
        if (!ApiRoot.validHostName(d) || PlmnId.fromFqdn(d).isEmpty()) {
            throw new IllegalArgumentException("seppDomain: " + seppDomain
                    + " (expected: a 5GC FQDN such as sepp.5gc.mnc001.mcc001.3gppnetwork.org)");
        }
        if (maxHashedEntries < 1) {
            throw new IllegalArgumentException("maxHashedEntries: " + maxHashedEntries + " (expected: > 0)");
        }
        this.seppDomain = d;
        this.maxHashedEntries = maxHashedEntries;
    }

    public String seppDomain() {
        return seppDomain;
    }

    /**
     * The label for a foreign NF's FQDN (TS 33.501 13.1.1.1 step 1), remembered if it is a hashed one; empty if the
     * FQDN is no 5GC FQDN of another PLMN than this SEPP's, or the table is full.
     */
    public Optional<String> labelFor(String foreignFqdn) {
        String f = strip(foreignFqdn == null ? "" : foreignFqdn.toLowerCase(Locale.ROOT));
        if (!ApiRoot.validHostName(f) || PlmnId.fromFqdn(f).isEmpty()
                || PlmnId.fromFqdn(f).equals(PlmnId.fromFqdn(seppDomain)) || !f.endsWith(FOREIGN_SUFFIX)) {
            return Optional.empty();
        }
        String delimited = f.replace('.', '-');
        if (!f.contains("-") && delimited.length() <= MAX_LABEL_LENGTH) {
            return Optional.of(delimited);
        }
        String label = "t" + sha256Hex(f).substring(0, HASH_HEX_DIGITS);
        if (hashed.containsKey(label)) {
            return Optional.of(label);
        }
        if (hashed.size() >= maxHashedEntries) {
            return Optional.empty();
        }
        hashed.putIfAbsent(label, f);
        return Optional.of(label);
    }

    /** The foreign FQDN a label stands for (TS 33.501 13.1.1.1 step 3), if known. */
    public Optional<String> foreignFqdn(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.toLowerCase(Locale.ROOT);
        if (l.length() > MAX_LABEL_LENGTH) {
            return Optional.empty();
        }
        if (l.endsWith(DELIMITED_SUFFIX) && !l.contains("--") && !l.startsWith("-")) {
            String f = l.replace('-', '.');
            return PlmnId.fromFqdn(f).isPresent() && ApiRoot.validHostName(f) ? Optional.of(f) : Optional.empty();
        }
        return Optional.ofNullable(hashed.get(l));
    }

    /** If {@code host} (an authority, port allowed) is {@code <one label>.<seppDomain>}, that label. */
    public Optional<String> labelOf(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && !h.startsWith("[")) {
            h = h.substring(0, colon);
        }
        h = strip(h);
        String suffix = "." + seppDomain;
        if (!h.endsWith(suffix)) {
            return Optional.empty();
        }
        String label = h.substring(0, h.length() - suffix.length());
        return label.isEmpty() || label.contains(".") ? Optional.empty() : Optional.of(label);
    }

    /**
     * Whether {@code host} (port allowed) has the form of any SEPP's telescopic FQDN (TS 23.003 28.5.2): one label
     * under a SEPP FQDN {@code sepp<...>.5gc.mncXXX.mccYYY.3gppnetwork.org} (28.4.4), or under this SEPP's domain.
     */
    public boolean isTelescopicForm(String host) {
        if (host == null) {
            return false;
        }
        if (labelOf(host).isPresent()) {
            return true;
        }
        String h = strip(withoutPort(host.toLowerCase(Locale.ROOT)));
        // {label}.sepp[a-z0-9-]*.5gc.mncXXX.mccYYY.3gppnetwork.org, read by hand (it is asked per request, issue 10).
        int first = h.indexOf('.');
        int second = first < 0 ? -1 : h.indexOf('.', first + 1);
        return first >= 1 && first <= 63 && second > 0 && ldh(h, 0, first) && h.startsWith("sepp", first + 1)
                && ldh(h, first + 5, second) && !h.endsWith(".") && PlmnId.fromFqdn(h.substring(second + 1))
                        .filter(p -> h.length() - second - 1 == FQDN_AFTER_HOST.length()).isPresent();
    }

    /** What {@link PlmnId#fromFqdn} reads after the host labels: {@code 5gc.mncXXX.mccYYY.3gppnetwork.org}. */
    private static final String FQDN_AFTER_HOST = "5gc.mnc000.mcc000.3gppnetwork.org";

    private static boolean ldh(String h, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = h.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String withoutPort(String h) {
        int colon = h.lastIndexOf(':');
        return colon > 0 && !h.startsWith("[") ? h.substring(0, colon) : h;
    }

    /** The telescopic FQDN {@code <label>.<seppDomain>}. */
    public String telescopicFqdn(String label) {
        return label + "." + seppDomain;
    }

    private static String strip(String fqdn) {
        return fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
