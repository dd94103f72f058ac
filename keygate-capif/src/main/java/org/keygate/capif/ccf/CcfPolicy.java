package org.keygate.capif.ccf;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.keygate.capif.model.SecurityMethod;

/**
 * What a running CCF can be given anew ({@link CapifCoreFunction#reload}, issue 18, docs/CAPIF.md "Reload"): local
 * policy and lifetimes, each read once per request, so a request in flight keeps the policy it started with.
 *
 * @param securityMethods the methods the CCF allows (TS 33.122 5.2.1 local policy)
 * @param registrationSecret the {@code regSec} a provider domain presents to register (TS 29.222 8.9.4.2.2); never
 *     printed
 * @param onboardingCredentialRequired whether onboarding needs an onboarding credential (TS 29.222 5.5.2.2 NOTE 4)
 * @param issuedLifetime how long the certificates the CA issues from now on live (capped at the CA's notAfter)
 * @param drainTimeout how long a stop answers the requests in progress
 */
public record CcfPolicy(List<SecurityMethod> securityMethods, String registrationSecret,
        boolean onboardingCredentialRequired, Duration issuedLifetime, Duration drainTimeout) {
    /** TS 29.222 leaves regSec to the CCF; under 16 characters it is too guessable. */
    static final int MIN_REGISTRATION_SECRET_CHARS = 16;

    public CcfPolicy {
        securityMethods = List.copyOf(securityMethods);
        if (securityMethods.isEmpty() || !securityMethods.stream().allMatch(SecurityMethod::known)) {
            throw new IllegalArgumentException("securityMethods: " + securityMethods
                    + " (expected: some of PSK, PKI, OAUTH)");
        }
        Objects.requireNonNull(registrationSecret, "registrationSecret");
        if (registrationSecret.length() < MIN_REGISTRATION_SECRET_CHARS) {
            throw new IllegalArgumentException("registrationSecret: too short (expected: >= "
                    + MIN_REGISTRATION_SECRET_CHARS + " characters)");
        }
        positive("issuedLifetime", issuedLifetime);
        positive("drainTimeout", drainTimeout);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    /** The secret never prints. */
    @Override
    public String toString() {
        return "CcfPolicy[securityMethods=" + securityMethods + ", onboardingCredentialRequired="
                + onboardingCredentialRequired + ", issuedLifetime=" + issuedLifetime + ", drainTimeout="
                + drainTimeout + "]";
    }
}
