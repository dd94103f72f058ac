package org.keygate.sepp.routing;

import org.keygate.sbi.http.InvalidParam;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;

/**
 * Why the consumer-side SEPP refuses to forward an NF's request, each with the TS 29.500 5.2.7.2 cause and status
 * the NF receives (the choices are keygate decisions, listed in docs/ROUTING.md). A refused request never leaves
 * the SEPP: keygate is never an open proxy (TS 33.501 5.9.3.2).
 */
public enum RoutingRefusal {
    /** Neither {@code 3gpp-Sbi-Target-apiRoot} nor a telescopic FQDN of this SEPP names a target. */
    NO_TARGET(400, SbiCause.MANDATORY_IE_MISSING.name(), "3gpp-Sbi-Target-apiRoot"),
    /** The {@code 3gpp-Sbi-Target-apiRoot} header does not follow TS 29.500 5.2.3.2.4, or appears twice. */
    MALFORMED_TARGET(400, SbiCause.MANDATORY_IE_INCORRECT.name(), "3gpp-Sbi-Target-apiRoot"),
    /** A telescopic FQDN whose label maps to no foreign FQDN (TS 33.501 13.1.1.1 step 3). */
    UNKNOWN_TELESCOPIC_LABEL(400, SbiCause.MANDATORY_IE_INCORRECT.name(), ":authority"),
    /**
     * A telescopic FQDN under another SEPP's domain (TS 23.003 28.5.2), in {@code :authority} or the header: only
     * this SEPP's own telescopic FQDNs are mapped (TS 33.517 4.2.2.9).
     */
    FOREIGN_TELESCOPIC_DOMAIN(400, SbiCause.MANDATORY_IE_INCORRECT.name(), ":authority"),
    /**
     * {@code :authority} is a telescopic FQDN of this SEPP and {@code 3gpp-Sbi-Target-apiRoot} names another
     * target: the request is refused rather than sent to either (TS 33.517 4.2.2.9).
     */
    TARGET_MISMATCH(400, SbiCause.MANDATORY_IE_INCORRECT.name(), "3gpp-Sbi-Target-apiRoot"),
    /** The target host is no 5GC FQDN ({@code ...5gc.mncXXX.mccYYY.3gppnetwork.org}, TS 23.003 28.2). */
    TARGET_NOT_IN_A_PLMN(400, SbiCause.MANDATORY_IE_INCORRECT.name(), "3gpp-Sbi-Target-apiRoot"),
    /** The target is in this SEPP's own PLMN: intra-PLMN traffic does not cross a SEPP. */
    TARGET_IN_OWN_PLMN(400, SbiCause.MANDATORY_IE_INCORRECT.name(), "3gpp-Sbi-Target-apiRoot"),
    /** No roaming partner is configured for the target PLMN (TS 29.500 6.14: no relationship, no purpose). */
    NO_PEER_FOR_PLMN(403, RoutingRefusal.REQUESTED_PURPOSE_NOT_ALLOWED, "3gpp-Sbi-Target-apiRoot"),
    /** The request path names no service API ({@code /<apiName>/<apiVersion>/...}, TS 29.501 4.4.1). */
    NO_API_NAME(400, SbiCause.INVALID_API.name(), ":path"),
    /** The service API is not in the partner's allowlist. */
    API_NOT_ALLOWED(400, SbiCause.INVALID_API.name(), ":path"),
    /** {@code 3gpp-Sbi-Interplmn-Purpose} names a purpose not allowed with that partner (TS 29.500 6.14.3). */
    PURPOSE_NOT_ALLOWED(403, RoutingRefusal.REQUESTED_PURPOSE_NOT_ALLOWED, "3gpp-Sbi-Interplmn-Purpose");

    /** TS 29.500 6.14.3 / Table 5.2.7.2-1: 403, the intended inter-PLMN purpose is not allowed. */
    public static final String REQUESTED_PURPOSE_NOT_ALLOWED = "REQUESTED_PURPOSE_NOT_ALLOWED";

    private final int status;
    private final String cause;
    private final String param;

    RoutingRefusal(int status, String cause, String param) {
        this.status = status;
        this.cause = cause;
        this.param = param;
    }

    public int status() {
        return status;
    }

    public String cause() {
        return cause;
    }

    /** The ProblemDetails for the NF; {@code detail} must not echo the NF's input. */
    public ProblemDetails problem(String detail) {
        String title = status == 403 ? "Forbidden" : "Bad Request";
        return new ProblemDetails(null, title, status, detail, null, cause,
                java.util.List.of(new InvalidParam(param, name())));
    }
}
