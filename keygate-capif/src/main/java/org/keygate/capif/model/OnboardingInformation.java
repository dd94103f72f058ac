package org.keygate.capif.model;

/**
 * TS 29.222 8.4.4.2.3 OnboardingInformation. keygate reads {@code apiInvokerPublicKey} as a PEM PKCS#10 CSR (the
 * key with proof of possession) and answers with the CCF-issued certificate in {@code apiInvokerCertificate} (PEM).
 */
public record OnboardingInformation(String apiInvokerPublicKey, String apiInvokerCertificate,
        String onboardingSecret) {
    public static OnboardingInformation request(String csrPem) {
        return new OnboardingInformation(csrPem, null, null);
    }
}
