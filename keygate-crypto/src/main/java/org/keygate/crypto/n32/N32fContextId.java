package org.keygate.crypto.n32;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An N32-f context ID (TS 33.501 13.2.2.4.1): chosen at random by each SEPP during parameter exchange and carried
 * in every N32-f message's metadata. TS 29.573 types it {@code ^[A-Fa-f0-9]{16}$}; keygate makes 8 random octets as
 * 16 lowercase hex characters (DESIGN.md) and compares case-insensitively by storing lowercase.
 */
public record N32fContextId(String value) {
    public N32fContextId {
        Objects.requireNonNull(value, "value");
        if (value.length() != 16 || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("n32fContextId does not match ^[A-Fa-f0-9]{16}$");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static N32fContextId parse(String text) {
        return new N32fContextId(text);
    }

    /** 8 fresh random octets: fresh IDs keep keys and IVs from ever repeating (TS 33.501 13.2.4.4.1). */
    public static N32fContextId random(SecureRandom random) {
        byte[] octets = new byte[8];
        random.nextBytes(octets);
        return new N32fContextId(HexFormat.of().formatHex(octets));
    }

    @Override
    public String toString() {
        return value;
    }
}
