package org.keygate.tls.bc;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * A BC TLS client's frozen settings: a PSK to offer ({@link Builder#psk}), and/or trust anchors to check a server
 * certificate against ({@link Builder#trustAnchors}, PKIX, read per handshake from a {@link TrustAnchorSource},
 * with the host name of {@link Builder#serverName} checked
 * against the certificate as RFC 6125 says), and optionally this client's own certificate for servers that ask.
 * Defaults as {@link BcTlsServerConfig}'s; extended master secret is offered always (RFC 7627 5.1) and required by
 * default.
 */
public record BcTlsClientConfig(
        List<TlsVersion> versions,
        List<String> cipherSuites,
        Optional<ExternalPsk> psk,
        TrustAnchorSource serverAnchors,
        Optional<String> serverName,
        Optional<TlsKeyMaterial> keyMaterial,
        boolean requireExtendedMasterSecret,
        boolean requireSecureRenegotiation,
        RenegotiationPolicy renegotiation,
        boolean captureMasterSecret,
        List<String> applicationProtocols) {

    public BcTlsClientConfig {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(serverAnchors, "serverAnchors");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        Objects.requireNonNull(renegotiation, "renegotiation");
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    /** The anchors a server certificate is checked against now (a handshake reads them once). */
    public List<X509Certificate> trustAnchors() {
        return serverAnchors.current();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's settings, e.g. to set another server name per connection. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.versions = versions;
        b.cipherSuites = cipherSuites;
        b.psk = psk.orElse(null);
        b.serverAnchors = serverAnchors;
        b.serverName = serverName.orElse(null);
        b.keyMaterial = keyMaterial.orElse(null);
        b.requireExtendedMasterSecret = requireExtendedMasterSecret;
        b.requireSecureRenegotiation = requireSecureRenegotiation;
        b.renegotiation = renegotiation;
        b.captureMasterSecret = captureMasterSecret;
        b.applicationProtocols = applicationProtocols;
        return b;
    }

    /** Checks each setting as it is given; {@link #build()} checks them together. */
    public static final class Builder {
        private List<TlsVersion> versions = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);
        private List<String> cipherSuites;
        private ExternalPsk psk;
        private TrustAnchorSource serverAnchors = TrustAnchorSource.of(List.of());
        private String serverName;
        private TlsKeyMaterial keyMaterial;
        private boolean requireExtendedMasterSecret = true;
        private boolean requireSecureRenegotiation = true;
        private RenegotiationPolicy renegotiation = RenegotiationPolicy.REFUSE;
        private boolean captureMasterSecret;
        private List<String> applicationProtocols = List.of();

        private Builder() {}

        public Builder versions(TlsVersion... versions) {
            this.versions = ConfigChecks.versions(List.of(versions));
            return this;
        }

        public Builder cipherSuites(List<String> names) {
            this.cipherSuites = ConfigChecks.suites(names);
            return this;
        }

        /** The PSK to offer: in the ClientKeyExchange (TLS 1.2) or as the TLS 1.3 external PSK (psk_dhe_ke). */
        public Builder psk(ExternalPsk psk) {
            this.psk = Objects.requireNonNull(psk, "psk");
            return this;
        }

        /** Server certificates must chain to one of these (PKIX, RFC 5280 6). */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("trustAnchors: [] (expected: at least one)");
            }
            this.serverAnchors = TrustAnchorSource.of(anchors);
            return this;
        }

        /**
         * As {@link #trustAnchors(List)}, read from {@code anchors} at every handshake: a reload that
         * {@link TrustAnchorSource#swap}s them applies to the next connection (issue 18).
         */
        public Builder trustAnchors(TrustAnchorSource anchors) {
            if (anchors.current().isEmpty()) {
                throw new IllegalArgumentException("trustAnchors: [] (expected: at least one)");
            }
            this.serverAnchors = anchors;
            return this;
        }

        /** Sent as SNI (RFC 6066 3) and checked against the server certificate's names (RFC 6125 6). */
        public Builder serverName(String hostName) {
            if (hostName.isEmpty() || hostName.length() > 253) {
                throw new IllegalArgumentException("serverName: '" + hostName + "' (expected: a host name)");
            }
            this.serverName = hostName;
            return this;
        }

        /** This client's certificate, sent when a server asks for one. */
        public Builder keyMaterial(TlsKeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        public Builder requireExtendedMasterSecret(boolean required) {
            this.requireExtendedMasterSecret = required;
            return this;
        }

        public Builder requireSecureRenegotiation(boolean required) {
            this.requireSecureRenegotiation = required;
            return this;
        }

        /** What to do with a server's HelloRequest (RFC 5246 7.4.1.1). */
        public Builder renegotiation(RenegotiationPolicy policy) {
            this.renegotiation = Objects.requireNonNull(policy, "renegotiation");
            return this;
        }

        /** Keeps the TLS 1.2 master secret in the {@link BcTlsSession} (TS 33.122: the invoker derives AEFPSK). */
        public Builder captureMasterSecret(boolean capture) {
            this.captureMasterSecret = capture;
            return this;
        }

        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = ConfigChecks.alpn(protocols);
            return this;
        }

        public BcTlsClientConfig build() {
            if (psk == null && serverAnchors.current().isEmpty()) {
                throw new IllegalStateException("psk and trustAnchors: both missing (expected: a PSK to offer or"
                        + " anchors to check the server's certificate)");
            }
            List<String> suites = cipherSuites;
            if (suites == null) {
                LinkedHashSet<String> d = new LinkedHashSet<>();
                if (psk != null) {
                    d.addAll(CipherSuites.DEFAULT_PSK);
                }
                if (!serverAnchors.current().isEmpty()) {
                    d.addAll(CipherSuites.DEFAULT_CERTIFICATE);
                }
                suites = new ArrayList<>(d);
            }
            for (String s : suites) {
                CipherSuites.Kind kind = CipherSuites.named(s).kind();
                if (kind == CipherSuites.Kind.PSK && psk == null) {
                    throw new IllegalStateException("cipherSuites: " + s + " needs psk");
                }
                if ((kind == CipherSuites.Kind.CERTIFICATE_ECDSA || kind == CipherSuites.Kind.CERTIFICATE_RSA)
                        && serverAnchors.current().isEmpty()) {
                    throw new IllegalStateException("cipherSuites: " + s + " needs trustAnchors");
                }
            }
            ConfigChecks.suitesCoverVersions(suites, versions);
            if (captureMasterSecret && !versions.contains(TlsVersion.TLS_1_2)) {
                throw new IllegalStateException("captureMasterSecret: true without TLS 1.2 (TLS 1.3 has no master"
                        + " secret to capture)");
            }
            return new BcTlsClientConfig(versions, suites, Optional.ofNullable(psk), serverAnchors,
                    Optional.ofNullable(serverName), Optional.ofNullable(keyMaterial), requireExtendedMasterSecret,
                    requireSecureRenegotiation, renegotiation, captureMasterSecret, applicationProtocols);
        }
    }
}
