package org.keygate.tls.jsse;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager BoringSSL calls: the JDK path's own ({@link TlsParts#trust()}, unchanged), whose refusals are
 * handed to BoringSSL with the certificate error code that makes it send the alert the JDK's engine sends for the same
 * refusal (RFC 8446 6.2), so that a peer cannot tell the providers apart by their alerts. Without this Netty passes
 * X509_V_ERR_UNSPECIFIED for most refusals, which BoringSSL answers with internal_error.
 *
 * <p>The JDK's choice (sun.security.ssl.CertificateMessage, JDK 25): a server refusing a client's chain always sends
 * certificate_unknown; a client refusing a server's chain picks by the reason of the CertPathValidatorException its
 * trust manager's exception directly wraps: REVOKED certificate_revoked, EXPIRED certificate_expired, NOT_YET_VALID and
 * INVALID_SIGNATURE bad_certificate, ALGORITHM_CONSTRAINED unsupported_certificate, anything else certificate_unknown.
 * BoringSSL's alert per error code: {@code SSL_alert_from_verify_result}. The original exception stays the cause, so
 * local logs name the real reason.
 */
final class JdkAlertTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager trust;

    JdkAlertTrustManager(X509ExtendedTrustManager trust) {
        this.trust = trust;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            trust.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new OpenSslCertificateException(e.getMessage(), e, certificateUnknown());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            trust.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new OpenSslCertificateException(e.getMessage(), e, asJdkClient(e));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        trust.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trust.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }

    private static int asJdkClient(CertificateException e) {
        if (e.getCause() instanceof CertPathValidatorException cpve && cpve.getReason() instanceof BasicReason r) {
            return switch (r) {
                case REVOKED -> CertificateVerifier.X509_V_ERR_CERT_REVOKED;
                case EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
                case NOT_YET_VALID, INVALID_SIGNATURE -> CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
                case ALGORITHM_CONSTRAINED -> CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
                default -> certificateUnknown();
            };
        }
        return certificateUnknown();
    }

    /**
     * BoringSSL has no error code named for certificate_unknown: it sends that alert for the codes it has no case for;
     * this is one of them (TlsProviderTrustTest checks the alert).
     */
    private static int certificateUnknown() {
        return CertificateVerifier.X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION;
    }
}
