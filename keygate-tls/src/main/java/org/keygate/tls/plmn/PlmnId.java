package org.keygate.tls.plmn;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TS 29.571 PlmnId: MCC (3 digits) and MNC (2 or 3 digits). Serialised by Jackson through its accessors as
 * {@code {"mcc":"001","mnc":"01"}}; written {@code 001-01} in configuration and logs.
 *
 * <p>In FQDNs (TS 23.003 28.2) the MNC label always has 3 digits, a 2-digit MNC getting a leading 0. Reading one
 * back is ambiguous; keygate's decision ({@link #fromFqdn}) is that a leading 0 means a 2-digit MNC, so
 * {@code mnc001} is MNC "01". Operators with a 3-digit MNC starting with 0 must list it as such in configuration.
 */
public record PlmnId(String mcc, String mnc) {
    private static final Pattern MCC = Pattern.compile("^\\d{3}$");
    private static final Pattern MNC = Pattern.compile("^\\d{2,3}$");
    private static final Pattern TEXT = Pattern.compile("^(\\d{3})-(\\d{2,3})$");
    /** TS 23.003 28.2: {@code <host>.5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}. */
    private static final Pattern FQDN =
            Pattern.compile("^(?:[^.]+\\.)*5gc\\.mnc(\\d{3})\\.mcc(\\d{3})\\.3gppnetwork\\.org\\.?$");
    /** TS 33.501 6.1.1.4: {@code 5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org}, optionally {@code :<NID>}. */
    private static final Pattern SERVING_NETWORK_NAME =
            Pattern.compile("^5G:mnc(\\d{3})\\.mcc(\\d{3})\\.3gppnetwork\\.org(?::[A-Fa-f0-9]{11})?$");

    public PlmnId {
        Objects.requireNonNull(mcc, "mcc");
        Objects.requireNonNull(mnc, "mnc");
        if (!MCC.matcher(mcc).matches()) {
            throw new IllegalArgumentException("mcc: " + mcc + " (expected: 3 digits)");
        }
        if (!MNC.matcher(mnc).matches()) {
            throw new IllegalArgumentException("mnc: " + mnc + " (expected: 2 or 3 digits)");
        }
    }

    /** Parses {@code MCC-MNC}, e.g. {@code 001-01}. */
    public static PlmnId parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("PLMN ID: " + text + " (expected: MCC-MNC such as 001-01)");
        }
        return new PlmnId(m.group(1), m.group(2));
    }

    /** The PLMN of a 5GC FQDN ({@code ...5gc.mncXXX.mccYYY.3gppnetwork.org}), case-insensitively. */
    public static Optional<PlmnId> fromFqdn(String fqdn) {
        Matcher m = FQDN.matcher(fqdn.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String mnc = m.group(1).startsWith("0") ? m.group(1).substring(1) : m.group(1);
        return Optional.of(new PlmnId(m.group(2), mnc));
    }

    /** TS 33.501 6.1.1.4 serving network name; a 2-digit MNC is written with a leading 0 (TS 23.003 28.2). */
    public static Optional<PlmnId> fromServingNetworkName(String snn) {
        Matcher m = SERVING_NETWORK_NAME.matcher(snn);
        if (!m.matches()) {
            return Optional.empty();
        }
        String mnc = m.group(1).startsWith("0") ? m.group(1).substring(1) : m.group(1);
        return Optional.of(new PlmnId(m.group(2), mnc));
    }

    /** {@code mnc001.mcc001}: the MNC padded to 3 digits (TS 23.003 28.2). */
    public String fqdnLabels() {
        return "mnc" + (mnc.length() == 2 ? "0" + mnc : mnc) + ".mcc" + mcc;
    }

    /** The SEPP FQDN of this PLMN: {@code sepp.5gc.mncXXX.mccYYY.3gppnetwork.org}. */
    public String seppFqdn() {
        return "sepp.5gc." + fqdnLabels() + ".3gppnetwork.org";
    }

    @Override
    public String toString() {
        return mcc + "-" + mnc;
    }
}
