package org.keygate.capif.ccf;

import java.util.Optional;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.sbi.server.SbiConnection;

/**
 * Who sent a request: the CN of its CCF-issued client certificate, if it sent one. The TLS layer only accepts
 * certificates chaining to the CCF's CA, so the CN is an ID the CCF assigned.
 */
record Caller(Optional<String> certificateId, SbiConnection connection) {
    static Caller of(SbiConnection connection) {
        var certs = connection.peerCertificates();
        return new Caller(certs.isEmpty() ? Optional.empty()
                : Optional.ofNullable(CcfCertificateAuthority.commonName(certs.getFirst())), connection);
    }

    /** The caller's ID, or 401 when it sent no certificate. */
    String requireId() {
        return certificateId.orElseThrow(() -> CapifCause.CLIENT_CERTIFICATE_REQUIRED.exception(
                "this resource needs mutual TLS with a CCF-issued certificate (TS 29.222 10.2)"));
    }

    /** The caller must be {@code id} itself. */
    void requireSelf(String id) {
        if (!requireId().equals(id)) {
            throw CapifCause.IDENTITY_MISMATCH.exception("the client certificate belongs to another party");
        }
    }
}
