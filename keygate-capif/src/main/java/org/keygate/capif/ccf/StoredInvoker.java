package org.keygate.capif.ccf;

import org.keygate.capif.model.APIInvokerEnrolmentDetails;

/** An onboarded API invoker as the CCF stores it: its enrolment (with the issued certificate). */
public record StoredInvoker(String apiInvokerId, APIInvokerEnrolmentDetails details) {}
