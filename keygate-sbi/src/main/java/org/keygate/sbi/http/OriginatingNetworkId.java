package org.keygate.sbi.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.plmn.PlmnId;

/**
 * The value of {@code 3gpp-Sbi-Originating-Network-Id} (TS 29.500 5.2.3.2.x, Annex of custom-header ABNF):
 * {@code MCC "-" MNC ["-" NID] [";" OWS "src" ":" RWS srctype "-" srcfqdn]}, e.g.
 * {@code 001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org}.
 *
 * @param nid the SNPN's NID (11 hex digits), if the network is an SNPN.
 * @param sourceType {@code SCP} or {@code SEPP} when the {@code src} parameter is present.
 */
public record OriginatingNetworkId(PlmnId plmn, Optional<String> nid, Optional<String> sourceType,
        Optional<String> sourceFqdn) {
    /** TS 29.500: the header's name, lowercased as on HTTP/2. */
    public static final String HEADER = "3gpp-sbi-originating-network-id";
    private static final int MAX_LENGTH = 512;

    public OriginatingNetworkId {
        Objects.requireNonNull(plmn, "plmn");
        Objects.requireNonNull(nid, "nid");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(sourceFqdn, "sourceFqdn");
        if (sourceType.isPresent() != sourceFqdn.isPresent()) {
            throw new IllegalArgumentException("src: type and FQDN go together");
        }
    }

    /** The value a SEPP inserts: its PLMN and {@code src: SEPP-<its FQDN>}. */
    public static OriginatingNetworkId fromSepp(PlmnId plmn, String seppFqdn) {
        return new OriginatingNetworkId(plmn, Optional.empty(), Optional.of("SEPP"), Optional.of(seppFqdn));
    }

    /**
     * Parses header text (OWS around it allowed); empty when it does not follow the grammar. Read by hand, not by a
     * regular expression: every request crossing N32 carries one (issue 10); OriginatingNetworkIdTest checks this
     * reader against the ABNF written as one.
     */
    public static Optional<OriginatingNetworkId> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String t = text.strip();
        int mncEnd = 4;
        while (mncEnd < t.length() && mncEnd < 7 && isDigit(t.charAt(mncEnd))) {
            mncEnd++;
        }
        if (mncEnd < 6 || !allOf(t, 0, 3, OriginatingNetworkId::isDigit) || t.charAt(3) != '-') {
            return Optional.empty();
        }
        int i = mncEnd;
        Optional<String> nid = Optional.empty();
        if (i < t.length() && t.charAt(i) == '-') {
            if (i + 12 > t.length() || !allOf(t, i + 1, i + 12, c -> java.util.HexFormat.isHexDigit(c))) {
                return Optional.empty();
            }
            nid = Optional.of(t.substring(i + 1, i + 12).toUpperCase(Locale.ROOT));
            i += 12;
        }
        if (i == t.length()) {
            return Optional.of(new OriginatingNetworkId(new PlmnId(t.substring(0, 3), t.substring(4, mncEnd)), nid,
                    Optional.empty(), Optional.empty()));
        }
        if (t.charAt(i) != ';') {
            return Optional.empty();
        }
        i = skipBlanks(t, i + 1);
        if (!t.startsWith("src:", i) || skipBlanks(t, i + 4) == i + 4) {
            return Optional.empty();
        }
        i = skipBlanks(t, i + 4);
        String type = t.startsWith("SCP-", i) ? "SCP" : t.startsWith("SEPP-", i) ? "SEPP" : null;
        if (type == null) {
            return Optional.empty();
        }
        int fqdnStart = i + type.length() + 1;
        if (t.length() - fqdnStart < 4 || !allOf(t, fqdnStart, t.length(),
                c -> isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-')) {
            return Optional.empty();
        }
        return Optional.of(new OriginatingNetworkId(new PlmnId(t.substring(0, 3), t.substring(4, mncEnd)), nid,
                Optional.of(type), Optional.of(t.substring(fqdnStart))));
    }

    private static int skipBlanks(String t, int from) {
        while (from < t.length() && (t.charAt(from) == ' ' || t.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static boolean allOf(String t, int from, int to, java.util.function.IntPredicate p) {
        for (int i = from; i < to; i++) {
            if (!p.test(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The header value. */
    public String format() {
        StringBuilder b = new StringBuilder(plmn.mcc()).append('-').append(plmn.mnc());
        nid.ifPresent(n -> b.append('-').append(n));
        sourceType.ifPresent(t -> b.append("; src: ").append(t).append('-').append(sourceFqdn.orElseThrow()));
        return b.toString();
    }
}
