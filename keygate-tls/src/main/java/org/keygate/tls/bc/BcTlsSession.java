package org.keygate.tls.bc;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.crypto.secret.SecretBytes;

/**
 * What an established BC TLS connection negotiated, frozen when its handshake completed (after a renegotiation the
 * handler holds a new one).
 *
 * @param version the negotiated version
 * @param cipherSuite the IANA name of the suite, e.g. {@code TLS_PSK_WITH_AES_128_GCM_SHA256}
 * @param sessionId the TLS 1.2 session ID (RFC 5246 7.4.1.3); in TLS 1.3 the legacy_session_id echo; may be empty
 * @param pskIdentity the PSK identity used (TLS 1.2 PSK suites or a TLS 1.3 external PSK), UTF-8-decoded
 * @param peerCertificates the peer's chain, leaf first; empty when it sent none (PSK, or no client auth)
 * @param extendedMasterSecret whether RFC 7627 extended master secret was negotiated (TLS 1.2; false for TLS 1.3,
 *     whose key schedule binds the transcript anyway)
 * @param secureRenegotiation whether RFC 5746 secure renegotiation was negotiated (TLS 1.2)
 * @param applicationProtocol the ALPN protocol (RFC 7301), empty if none was agreed
 * @param masterSecret the TLS 1.2 (extended) master secret, present only when the config asked to capture it
 */
public record BcTlsSession(
        TlsVersion version,
        String cipherSuite,
        byte[] sessionId,
        Optional<String> pskIdentity,
        List<X509Certificate> peerCertificates,
        boolean extendedMasterSecret,
        boolean secureRenegotiation,
        Optional<String> applicationProtocol,
        Optional<SecretBytes> masterSecret) {

    public BcTlsSession {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        sessionId = sessionId.clone();
        Objects.requireNonNull(pskIdentity, "pskIdentity");
        peerCertificates = List.copyOf(peerCertificates);
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(masterSecret, "masterSecret");
    }

    /** A copy of the session ID octets. */
    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Session IDs are not secret (they travel in clear in the ServerHello): lowercase hex, for logs. */
    public String sessionIdHex() {
        return HexFormat.of().formatHex(sessionId);
    }

    /** Names everything but the master secret, of which only its presence is said. */
    @Override
    public String toString() {
        return "BcTlsSession[" + version.jdkName() + ", " + cipherSuite + ", sessionId=" + sessionIdHex()
                + pskIdentity.map(i -> ", pskIdentity=" + i).orElse("")
                + (peerCertificates.isEmpty() ? "" : ", peer=" + peerCertificates.getFirst().getSubjectX500Principal())
                + ", ems=" + extendedMasterSecret + ", secureRenegotiation=" + secureRenegotiation
                + applicationProtocol.map(p -> ", alpn=" + p).orElse("")
                + (masterSecret.isPresent() ? ", masterSecret captured" : "") + "]";
    }
}
