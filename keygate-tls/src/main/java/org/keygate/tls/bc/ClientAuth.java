package org.keygate.tls.bc;

/** Whether a certificate server asks its clients for a certificate (RFC 5246 7.4.4, RFC 8446 4.3.2). */
public enum ClientAuth {
    /** No CertificateRequest. */
    NONE,
    /** A CertificateRequest; a client without a certificate is accepted, one with a bad chain is refused. */
    OPTIONAL,
    /** A CertificateRequest, and a client without a trusted certificate is refused (certificate_required / bad_certificate). */
    REQUIRED
}
