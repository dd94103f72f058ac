package org.keygate.ims.mikey;

import java.util.Objects;
import org.keygate.crypto.mikey.MikeyPrf;

/**
 * Common Header payload HDR (RFC 3830 6.1, RFC 6043 6.1): version 1, data type, V flag, PRF func, CSB ID and the
 * crypto-session map (#CS and the map type follow from {@link #csIdMap()}). The next-payload field is the
 * codec's business.
 */
public record Header(DataType dataType, boolean v, MikeyPrf prf, long csbId, CsIdMap csIdMap) {
    /** RFC 3830 6.1: version = 0x01. */
    public static final int VERSION = 1;

    public Header {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(prf, "prf");
        Objects.requireNonNull(csIdMap, "csIdMap");
        if (csbId < 0 || csbId > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("CSB ID: " + csbId + " (expected: 32 bits)");
        }
    }
}
