package org.keygate.ims.msrp;

/** The status codes of RFC 4975 10 that keygate sends, with their clause's meaning as the comment. */
public enum MsrpStatus {
    OK(200, "OK"),
    BAD_REQUEST(400, "Bad Request"),
    FORBIDDEN(403, "Forbidden"),
    TIMEOUT(408, "Request Timeout"),
    STOP_SENDING(413, "Message Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    OUT_OF_BOUNDS(423, "Parameter Out of Bounds"),
    NO_SUCH_SESSION(481, "Session Does Not Exist"),
    UNKNOWN_METHOD(501, "Unknown Method"),
    SESSION_ALREADY_BOUND(506, "Session Already Bound");

    private final int code;
    private final String comment;

    MsrpStatus(int code, String comment) {
        this.code = code;
        this.comment = comment;
    }

    public int code() {
        return code;
    }

    public String comment() {
        return comment;
    }

    public boolean isSuccess() {
        return code / 100 == 2;
    }
}
