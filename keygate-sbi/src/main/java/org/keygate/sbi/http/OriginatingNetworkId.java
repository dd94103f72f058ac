package org.keygate.sbi.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern FORM = Pattern.compile(
            "^(\\d{3})-(\\d{2,3})(?:-([0-9A-Fa-f]{11}))?(?:;[ \\t]*src:[ \\t]+(SCP|SEPP)-([A-Za-z0-9.-]{4,}))?$");

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

    /** Parses header text (OWS around it allowed); empty when it does not follow the grammar. */
    public static Optional<OriginatingNetworkId> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new OriginatingNetworkId(new PlmnId(m.group(1), m.group(2)),
                Optional.ofNullable(m.group(3)).map(s -> s.toUpperCase(Locale.ROOT)), Optional.ofNullable(m.group(4)),
                Optional.ofNullable(m.group(5))));
    }

    /** The header value. */
    public String format() {
        StringBuilder b = new StringBuilder(plmn.mcc()).append('-').append(plmn.mnc());
        nid.ifPresent(n -> b.append('-').append(n));
        sourceType.ifPresent(t -> b.append("; src: ").append(t).append('-').append(sourceFqdn.orElseThrow()));
        return b.toString();
    }
}
