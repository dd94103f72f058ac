package org.keygate.labnf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code supiOrSuci} path segment of Nudm_UEAU (TS 29.503 6.3.3.2.x, TS 29.571 SupiOrSuci) resolved to a SUPI.
 * The lab UDM de-conceals only the null scheme (TS 33.501 C.2: protection scheme 0, the MSIN in the clear); any
 * other scheme is {@link Result#UNSUPPORTED_PROTECTION_SCHEME}.
 */
final class SupiOrSuci {
    /** TS 23.003 2.2B / TS 29.571: {@code suci-0-<MCC>-<MNC>-<routing indicator>-<scheme>-<key id>-<output>}. */
    private static final Pattern SUCI =
            Pattern.compile("^suci-0-([0-9]{3})-([0-9]{2,3})-[0-9]{1,4}-([0-9a-fA-F]+)-([0-9]{1,3})-(.+)$");
    private static final Pattern IMSI = Pattern.compile("^imsi-[0-9]{5,15}$");
    private static final Pattern MSIN = Pattern.compile("^[0-9]{1,10}$");

    enum Result {
        OK,
        UNSUPPORTED_PROTECTION_SCHEME,
        MALFORMED
    }

    record Resolved(Result result, Optional<String> supi) {}

    private SupiOrSuci() {}

    static Resolved resolve(String supiOrSuci) {
        if (supiOrSuci.length() > 256) {
            return new Resolved(Result.MALFORMED, Optional.empty());
        }
        if (IMSI.matcher(supiOrSuci).matches()) {
            return new Resolved(Result.OK, Optional.of(supiOrSuci));
        }
        Matcher m = SUCI.matcher(supiOrSuci);
        if (!m.matches()) {
            return new Resolved(Result.MALFORMED, Optional.empty());
        }
        if (!m.group(3).equals("0")) {
            return new Resolved(Result.UNSUPPORTED_PROTECTION_SCHEME, Optional.empty());
        }
        if (!MSIN.matcher(m.group(5)).matches()) {
            return new Resolved(Result.MALFORMED, Optional.empty());
        }
        return new Resolved(Result.OK, Optional.of("imsi-" + m.group(1) + m.group(2) + m.group(5)));
    }
}
