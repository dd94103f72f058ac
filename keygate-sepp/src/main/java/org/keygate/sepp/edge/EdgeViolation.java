package org.keygate.sepp.edge;

import java.util.List;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.n32.n32f.N32fErrorType;

/**
 * Why an edge check (TS 33.501 5.9.3.2, TS 33.517 4.2.2) refused a message, with the TS 29.500 cause and status of
 * the ProblemDetails and, for messages that came over N32-f, the N32fErrorType reported to the sending SEPP. The
 * choices are keygate decisions (docs/ROUTING.md): TS 29.573 defines no N32fErrorType for anti-spoofing, so a PLMN
 * mismatch is reported as POLICY_MISMATCH.
 */
public enum EdgeViolation {
    /** The receiving SEPP found no {@code 3gpp-Sbi-Originating-Network-Id} (the sending SEPP must insert it). */
    ORIGINATING_NETWORK_ID_MISSING(SbiCause.MANDATORY_IE_MISSING, "3gpp-Sbi-Originating-Network-Id"),
    /** The header does not follow the TS 29.500 grammar, or appears more than once. */
    ORIGINATING_NETWORK_ID_MALFORMED(SbiCause.MANDATORY_IE_INCORRECT, "3gpp-Sbi-Originating-Network-Id"),
    /** The header names a PLMN that is not the peer's (receiving SEPP) or not ours (sending SEPP). */
    ORIGINATING_NETWORK_ID_MISMATCH(SbiCause.MANDATORY_IE_INCORRECT, "3gpp-Sbi-Originating-Network-Id"),
    /** A serving network name or PLMN ID in the JSON body is not the peer's. */
    BODY_PLMN_ID_MISMATCH(SbiCause.MANDATORY_IE_INCORRECT, "body"),
    /** The JSON body could not be read, so its PLMN IDs could not be checked (fail closed). */
    BODY_UNREADABLE(SbiCause.INVALID_MSG_FORMAT, "body"),
    /** The access token's {@code consumerPlmnId} (TS 29.510 AccessTokenClaims) is not the peer's. */
    ACCESS_TOKEN_PLMN_ID_MISMATCH(SbiCause.MANDATORY_IE_INCORRECT, "Authorization"),
    /** A request from the peer names no target ({@code 3gpp-Sbi-Target-apiRoot} in TLS mode). */
    TARGET_MISSING(SbiCause.MANDATORY_IE_MISSING, "3gpp-Sbi-Target-apiRoot"),
    /** The target apiRoot does not follow TS 29.500 5.2.3.2.4, or the header appears twice. */
    TARGET_MALFORMED(SbiCause.MANDATORY_IE_INCORRECT, "3gpp-Sbi-Target-apiRoot"),
    /** The peer asks for a target outside this SEPP's own PLMNs: the SEPP relays into its own PLMN only. */
    TARGET_NOT_IN_OWN_PLMN(SbiCause.MANDATORY_IE_INCORRECT, "3gpp-Sbi-Target-apiRoot"),
    /** The peer asks for a service API it is not allowed to use in this PLMN. */
    API_NOT_ALLOWED(SbiCause.INVALID_API, ":path"),
    /** The peer exceeded its rate (TS 33.501 5.9.3.2 rate limiting). */
    RATE_LIMITED(SbiCause.NF_CONGESTION_RISK, "peer"),
    /** A header names an own-PLMN FQDN that topology hiding has no pseudonym (or no original) for. */
    TOPOLOGY_NOT_MAPPED(SbiCause.SYSTEM_FAILURE, "header");

    private final SbiCause cause;
    private final String param;

    EdgeViolation(SbiCause cause, String param) {
        this.cause = cause;
        this.param = param;
    }

    /** The TS 29.500 cause. */
    public SbiCause cause() {
        return cause;
    }

    /** The lowercase name, for a metric tag ({@code outcome="rate_limited"}). */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** For messages received over N32-f: what the n32f-error report to the sending SEPP says. */
    public N32fErrorType n32fErrorType() {
        return N32fErrorType.POLICY_MISMATCH;
    }

    /** The ProblemDetails; {@code detail} must not echo the message's content. */
    public ProblemDetails problem(String detail) {
        ProblemDetails p = cause.problem(detail);
        return new ProblemDetails(null, p.title(), p.status(), detail, null, p.cause(),
                List.of(new InvalidParam(param, name())));
    }
}
