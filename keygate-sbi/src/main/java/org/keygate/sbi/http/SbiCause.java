package org.keygate.sbi.http;

/**
 * Application error causes of TS 29.500 Table 5.2.7.2-1 (the {@code cause} member of a ProblemDetails), each with
 * the HTTP status the table pairs it with. Only the causes keygate answers with are listed; a peer's cause is read
 * as a plain string (every 3GPP enumeration is extensible), never mapped onto this enum.
 *
 * <p>{@link #PAYLOAD_TOO_LARGE} is keygate's own: TS 29.500 gives 413 no application cause (TS 29.500 5.2.7.1), so
 * keygate names it after the status, as {@code keygate-sepp}'s N32-c causes do.
 */
public enum SbiCause {
    INVALID_API(400),
    INVALID_MSG_FORMAT(400),
    INVALID_QUERY_PARAM(400),
    MANDATORY_QUERY_PARAM_INCORRECT(400),
    OPTIONAL_QUERY_PARAM_INCORRECT(400),
    MANDATORY_QUERY_PARAM_MISSING(400),
    MANDATORY_IE_INCORRECT(400),
    OPTIONAL_IE_INCORRECT(400),
    MANDATORY_IE_MISSING(400),
    UNSPECIFIED_MSG_FAILURE(400),
    RESOURCE_CONTEXT_NOT_FOUND(400),
    MODIFICATION_NOT_ALLOWED(403),
    SUBSCRIPTION_NOT_FOUND(404),
    RESOURCE_URI_STRUCTURE_NOT_FOUND(404),
    INCORRECT_LENGTH(411),
    PAYLOAD_TOO_LARGE(413),
    NF_CONGESTION_RISK(429),
    INSUFFICIENT_RESOURCES(500),
    UNSPECIFIED_NF_FAILURE(500),
    SYSTEM_FAILURE(500),
    NF_FAILOVER(500),
    NF_SERVICE_FAILOVER(500),
    NF_CONGESTION(503),
    TARGET_NF_NOT_REACHABLE(504),
    TIMED_OUT_REQUEST(504);

    private final int status;

    SbiCause(int status) {
        this.status = status;
    }

    /** The HTTP status TS 29.500 Table 5.2.7.2-1 gives this cause. */
    public int status() {
        return status;
    }

    /** The status's reason phrase (RFC 9110 15), used as the ProblemDetails {@code title}. */
    public String title() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> throw new IllegalStateException("no title for status " + status);
        };
    }

    /**
     * A ProblemDetails with this cause, its status and title. {@code detail} is shown to the peer: say what was
     * wrong without echoing its input or any key.
     */
    public ProblemDetails problem(String detail) {
        return ProblemDetails.of(status, title(), name(), detail);
    }
}
