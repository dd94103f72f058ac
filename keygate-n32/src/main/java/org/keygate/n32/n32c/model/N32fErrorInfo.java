package org.keygate.n32.n32c.model;

import java.util.List;
import org.keygate.sbi.http.InvalidParam;

/**
 * TS 29.573 6.1.6.2.11 N32fErrorInfo, sent with n32f-error (e.g. POLICY_MISMATCH, TS 33.501 13.2.3.6).
 * {@code n32fMessageId} and {@code n32fErrorType} are mandatory.
 */
public record N32fErrorInfo(
        String n32fMessageId,
        String n32fErrorType,
        String n32fContextId,
        List<FailedModificationInfo> failedModificationList,
        List<N32fErrorDetail> errorDetailsList,
        List<InvalidParam> policyMismatchList) {

    /** TS 29.573 6.1.6.3.x N32fErrorType values keygate raises today; the enumeration is extensible. */
    public static final String POLICY_MISMATCH = "POLICY_MISMATCH";
    public static final String CONTEXT_NOT_FOUND = "CONTEXT_NOT_FOUND";

    public N32fErrorInfo {
        failedModificationList = ModelLists.copy(failedModificationList);
        errorDetailsList = ModelLists.copy(errorDetailsList);
        policyMismatchList = ModelLists.copy(policyMismatchList);
    }

    /** TS 29.573 6.1.6.2.12 FailedModificationInfo. */
    public record FailedModificationInfo(String ipxId, String n32fErrorType) {}

    /** TS 29.573 6.1.6.2.15 N32fErrorDetail. */
    public record N32fErrorDetail(String attribute, String msgReconstructFailReason) {}
}
