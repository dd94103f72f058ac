package org.keygate.ims.mikey;

import java.util.Objects;

/**
 * A MIKEY message was refused: malformed, over a limit, of an unsupported type, not authentic, stale or replayed.
 * {@link #errorNo()} is the ERR payload value to answer with (RFC 3830 6.12, RFC 6043 6.9). The message names the
 * field and the clause; it never carries key octets or the refused message.
 */
public final class MikeyException extends Exception {
    private final ErrorNo errorNo;

    public MikeyException(ErrorNo errorNo, String message) {
        super(Objects.requireNonNull(errorNo, "errorNo") + ": " + message, null, false, false);
        this.errorNo = errorNo;
    }

    public ErrorNo errorNo() {
        return errorNo;
    }
}
