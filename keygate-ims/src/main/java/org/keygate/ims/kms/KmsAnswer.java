package org.keygate.ims.kms;

import org.keygate.ims.mikey.ErrorNo;

/**
 * What the KMS answers: a REQUEST_RESP or RESOLVE_RESP, or a MIKEY Error message with the refusal's ERR number
 * (null for a success), as MIKEY octets.
 */
public record KmsAnswer(ErrorNo error, byte[] mikey) {
    public boolean ok() {
        return error == null;
    }

    /** HTTP status: 200, 403 for authentication and authorization refusals, 400 otherwise. */
    public int httpStatus() {
        if (error == null) {
            return 200;
        }
        return error == ErrorNo.AUTH_FAILURE || error == ErrorNo.INVALID_ID ? 403 : 400;
    }

    @Override
    public String toString() {
        return "KmsAnswer[" + (error == null ? "ok" : error) + ", " + mikey.length + " octets]";
    }
}
