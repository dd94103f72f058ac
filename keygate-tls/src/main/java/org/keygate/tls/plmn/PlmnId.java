package org.keygate.tls.plmn;

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
    private static final Pattern TEXT = Pattern.compile("^(\\d{3})-(\\d{2,3})$");
    /**
     * TS 23.003 28.2: {@code <host>.5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org}, the fixed tail of every 5GC FQDN. Read by
     * hand, not by a regular expression: every forwarded request's target and certificate names pass here (issue 10).
     */
    private static final String FQDN_TAIL = "5gc.mncDDD.mccDDD.3gppnetwork.org";
    /** TS 33.501 6.1.1.4: {@code 5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org}, then for an SNPN ":" and the NID. */
    private static final String SNN = "5G:mncDDD.mccDDD.3gppnetwork.org";

    public PlmnId {
        Objects.requireNonNull(mcc, "mcc");
        Objects.requireNonNull(mnc, "mnc");
        if (!digits(mcc, 0, mcc.length()) || mcc.length() != 3) {
            throw new IllegalArgumentException("mcc: " + mcc + " (expected: 3 digits)");
        }
        if (!digits(mnc, 0, mnc.length()) || mnc.length() < 2 || mnc.length() > 3) {
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
        int end = fqdn.endsWith(".") ? fqdn.length() - 1 : fqdn.length();
        int start = end - FQDN_TAIL.length();
        if (start < 0 || !hostLabels(fqdn, start)) {
            return Optional.empty();
        }
        for (int i = 0; i < FQDN_TAIL.length(); i++) {
            char want = FQDN_TAIL.charAt(i);
            char c = Character.toLowerCase(fqdn.charAt(start + i));
            if (want == 'D' ? c < '0' || c > '9' : c != want) {
                return Optional.empty();
            }
        }
        String mnc3 = fqdn.substring(start + 7, start + 10);
        return Optional.of(new PlmnId(fqdn.substring(start + 14, start + 17),
                mnc3.charAt(0) == '0' ? mnc3.substring(1) : mnc3));
    }

    /** Whether {@code fqdn}'s first {@code end} characters are whole labels, each followed by its dot. */
    private static boolean hostLabels(String fqdn, int end) {
        if (end == 0) {
            return true;
        }
        if (fqdn.charAt(0) == '.' || fqdn.charAt(end - 1) != '.') {
            return false;
        }
        for (int i = 1; i < end; i++) {
            if (fqdn.charAt(i) == '.' && fqdn.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** TS 33.501 6.1.1.4 serving network name; a 2-digit MNC is written with a leading 0 (TS 23.003 28.2). */
    public static Optional<PlmnId> fromServingNetworkName(String snn) {
        // Read by hand: every authentication request crossing N32 carries one (issue 10).
        if (snn.length() != SNN.length() && snn.length() != SNN.length() + 12) {
            return Optional.empty();
        }
        for (int i = 0; i < snn.length(); i++) {
            char c = snn.charAt(i);
            boolean ok = i >= SNN.length() ? (i == SNN.length() ? c == ':' : java.util.HexFormat.isHexDigit(c))
                    : SNN.charAt(i) == 'D' ? c >= '0' && c <= '9' : c == SNN.charAt(i);
            if (!ok) {
                return Optional.empty();
            }
        }
        String mnc = snn.charAt(6) == '0' ? snn.substring(7, 9) : snn.substring(6, 9);
        return Optional.of(new PlmnId(snn.substring(13, 16), mnc));
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
