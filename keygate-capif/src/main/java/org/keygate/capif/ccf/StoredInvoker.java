package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;

/**
 * An onboarded API invoker as the CCF stores it: its enrolment (with the issued certificate) and the names of the
 * service APIs it may use, from its onboarding credential (TS 33.122 6.1); {@code apis} null: onboarded without a
 * credential on a CCF that does not require one, every API.
 */
public record StoredInvoker(String apiInvokerId, APIInvokerEnrolmentDetails details, List<String> apis) {
    boolean mayUse(String apiName) {
        return apis == null || apis.contains(org.keygate.capif.ca.OnboardingCredential.ALL_APIS)
                || apis.contains(apiName);
    }
}
