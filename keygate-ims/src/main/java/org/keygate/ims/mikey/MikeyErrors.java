package org.keygate.ims.mikey;

import java.time.Instant;
import java.util.List;
import org.keygate.crypto.mikey.MikeyPrf;

/**
 * Error messages (RFC 3830 5.1.2, RFC 6043 5.4): HDR, T, ERR. keygate sends them unauthenticated: RFC 6043 5.4
 * makes the MAC optional, and RFC 3830 5.1.2 recommends not authenticating an answer to a failed authentication.
 */
public final class MikeyErrors {
    private MikeyErrors() {}

    /**
     * The Error message answering {@code failed} (null when even its HDR did not decode): same PRF func and CSB ID,
     * V = 0, a fresh NTP-UTC timestamp.
     */
    public static MikeyMessage errorMessage(Header failed, ErrorNo error, Instant now) {
        MikeyPrf prf = failed == null ? MikeyPrf.MIKEY_1 : failed.prf();
        long csbId = failed == null ? 0 : failed.csbId();
        Header h = new Header(DataType.ERROR, false, prf, csbId, new CsIdMap.EmptyMap(0));
        return new MikeyMessage(h, List.of(MikeyTime.ntpUtc(now), ErrorPayload.of(error)));
    }

    /**
     * When {@code answer} is an Error message, the exception it stands for (the first ERR payload's number, or
     * Unspecified error when the number is unknown); otherwise null.
     */
    public static MikeyException asException(MikeyMessage answer) {
        if (answer.dataType() != DataType.ERROR) {
            return null;
        }
        ErrorPayload err = answer.first(ErrorPayload.class).orElse(ErrorPayload.of(ErrorNo.UNSPECIFIED_ERROR));
        ErrorNo no = err.known() == null ? ErrorNo.UNSPECIFIED_ERROR : err.known();
        return new MikeyException(no, "the peer answered with an Error message (ERR " + err.errorNo() + ")");
    }
}
