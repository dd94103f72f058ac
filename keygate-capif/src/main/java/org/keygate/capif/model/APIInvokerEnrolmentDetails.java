package org.keygate.capif.model;

/**
 * TS 29.222 8.4.4.2.2 APIInvokerEnrolmentDetails: the onboarding request (no {@code apiInvokerId}) and the CCF's
 * answer (with it, the certificate inside {@code onboardingInformation}).
 */
public record APIInvokerEnrolmentDetails(
        String apiInvokerId,
        OnboardingInformation onboardingInformation,
        String notificationDestination,
        Boolean requestTestNotification,
        APIList apiList,
        String apiInvokerInformation,
        String supportedFeatures) {

    public APIInvokerEnrolmentDetails withId(String id, OnboardingInformation info, APIList list) {
        return new APIInvokerEnrolmentDetails(id, info, notificationDestination, requestTestNotification, list,
                apiInvokerInformation, supportedFeatures);
    }
}
