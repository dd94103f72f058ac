package org.keygate.tls.expiry;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Where a certificate stands against its notAfter (RFC 5280 4.1.2.5), as {@code --check} reports it. */
public enum ExpiryStatus {
    VALID,
    /** Valid, but expires within {@link #SOON}. */
    EXPIRES_SOON,
    EXPIRED;

    /** The horizon of {@link #EXPIRES_SOON}: the first WARN line of {@link CertificateExpiry}. */
    public static final Duration SOON = Duration.ofDays(30);

    public static ExpiryStatus of(X509Certificate cert, Instant now) {
        Instant notAfter = cert.getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            return EXPIRED;
        }
        return now.plus(SOON).isBefore(notAfter) ? VALID : EXPIRES_SOON;
    }
}
