package org.keygate.capif.ccf;

import org.keygate.sbi.http.ProblemDetails;

/**
 * The causes keygate's CCF and AEF answer CAPIF errors with, each with its HTTP status. TS 29.222 defines no
 * application causes of its own for these refusals (its APIs use the TS 29.122 5.2.6 ProblemDetails), so those
 * below without a TS 29.122 / TS 29.500 counterpart are keygate's, named after what happened.
 */
public enum CapifCause {
    INVALID_MSG_FORMAT(400, "Bad Request"),
    MANDATORY_IE_MISSING(400, "Bad Request"),
    MANDATORY_IE_INCORRECT(400, "Bad Request"),
    INVALID_QUERY_PARAM(400, "Bad Request"),
    /** A resource that needs mutual TLS was asked for without a CCF-issued client certificate. */
    CLIENT_CERTIFICATE_REQUIRED(401, "Unauthorized"),
    /** A CAPIF-2e call whose bearer token does not verify (RFC 6750 3.1 invalid_token). */
    INVALID_TOKEN(401, "Unauthorized"),
    /** Onboarding without the onboarding credential of TS 29.222 5.5.2.2 NOTE 4 (keygate's cause). */
    ONBOARDING_CREDENTIAL_REQUIRED(401, "Unauthorized"),
    /** The caller's certificate names another invoker or function than the resource. */
    IDENTITY_MISMATCH(403, "Forbidden"),
    /** The caller's role (invoker, AEF, APF, AMF) may not use this resource. */
    ROLE_NOT_ALLOWED(403, "Forbidden"),
    /** A provider domain registration whose regSec is not the CCF's. */
    REGISTRATION_REFUSED(403, "Forbidden"),
    /** No security method is common to the invoker's preference, the interface and the CCF's policy. */
    NO_COMMON_SECURITY_METHOD(403, "Forbidden"),
    /** The invoker has no authorization for this API at this AEF (never granted or revoked). */
    API_INVOKER_NOT_AUTHORIZED(403, "Forbidden"),
    /** An AEF logged invocations of a service API that is not published at it (TS 29.222 5.8.2.2.2 step 1). */
    API_NOT_SERVED_BY_AEF(403, "Forbidden"),
    /** An audit matching more log entries than one answer carries: narrow it (e.g. by time range). */
    QUERY_TOO_BROAD(400, "Bad Request"),
    /** The CCF's bounded store is full (TS 29.500 5.2.7.2 INSUFFICIENT_RESOURCES). */
    INSUFFICIENT_RESOURCES(500, "Internal Server Error"),
    /** The CCF no longer holds the CAPIF-1e secrets for AEFPSK (restart or rotation): the invoker must re-ask. */
    AEFPSK_UNAVAILABLE(404, "Not Found"),
    RESOURCE_NOT_FOUND(404, "Not Found"),
    API_INVOKER_NOT_FOUND(404, "Not Found"),
    RESOURCE_URI_STRUCTURE_NOT_FOUND(404, "Not Found"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    SYSTEM_FAILURE(500, "Internal Server Error");

    private final int status;
    private final String title;

    CapifCause(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** {@code detail} is shown to the peer: say what was wrong without echoing its input or any key. */
    public ProblemDetails problem(String detail) {
        return ProblemDetails.of(status, title, name(), detail);
    }

    public CapifException exception(String detail) {
        return new CapifException(problem(detail));
    }
}
