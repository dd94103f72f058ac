package org.keygate.sepp.n32c;

/**
 * The application error causes the N32-c handshake answers with. The 400/404/500 ones are TS 29.500
 * Table 5.2.7.2-1 causes; NEGOTIATION_NOT_ALLOWED is the N32 Handshake API's own 403 cause (TS 29.573
 * 6.1.7.3), used for every refusal of an otherwise well-formed request (unknown partner, wrong handshake state,
 * nothing in common). 413 and 415 have no cause in TS 29.500; keygate names them after the status.
 */
public final class N32cCauses {
    public static final String INVALID_MSG_FORMAT = "INVALID_MSG_FORMAT"; // 400
    public static final String MANDATORY_IE_MISSING = "MANDATORY_IE_MISSING"; // 400
    public static final String MANDATORY_IE_INCORRECT = "MANDATORY_IE_INCORRECT"; // 400
    public static final String OPTIONAL_IE_INCORRECT = "OPTIONAL_IE_INCORRECT"; // 400
    public static final String NEGOTIATION_NOT_ALLOWED = "NEGOTIATION_NOT_ALLOWED"; // 403
    public static final String CONTEXT_NOT_FOUND = "CONTEXT_NOT_FOUND"; // 404
    public static final String RESOURCE_URI_STRUCTURE_NOT_FOUND = "RESOURCE_URI_STRUCTURE_NOT_FOUND"; // 404
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"; // 405
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"; // 415
    public static final String SYSTEM_FAILURE = "SYSTEM_FAILURE"; // 500
    public static final String NF_CONGESTION = "NF_CONGESTION"; // 503

    private N32cCauses() {}
}
