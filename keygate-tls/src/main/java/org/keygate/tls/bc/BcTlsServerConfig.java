package org.keygate.tls.bc;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * A BC TLS server's frozen settings: certificate mode ({@link Builder#keyMaterial}, optionally with client
 * certificates checked against the anchors of {@link Builder#clientAuth}, which a {@link TrustAnchorSource} gives
 * each handshake afresh), PSK mode ({@link Builder#pskLookup}), or both. Made by
 * {@link #builder()}; {@link Builder#build()} refuses missing or contradictory settings.
 *
 * <table>
 * <tr><th>setting</th><th>default</th><th>why</th></tr>
 * <tr><td>versions</td><td>TLS 1.3, TLS 1.2</td><td>RFC 8996 retired the older ones</td></tr>
 * <tr><td>cipherSuites</td><td>by mode: {@code CipherSuites.DEFAULT_PSK} and/or {@code DEFAULT_CERTIFICATE}</td>
 *     <td>TS 33.122 6.5.2, RFC 5487, TS 33.210 6.2.3</td></tr>
 * <tr><td>sessionIdPolicy</td><td>{@link SessionIdPolicy#RANDOM_32_OCTETS}</td><td>TS 33.122 AEFPSK input</td></tr>
 * <tr><td>requireExtendedMasterSecret</td><td>true</td><td>RFC 7627 5.2; TS 33.122 derives from the master
 *     secret</td></tr>
 * <tr><td>requireSecureRenegotiation</td><td>true</td><td>RFC 5746 4.4: a strict server refuses peers without
 *     it</td></tr>
 * <tr><td>renegotiation</td><td>{@link RenegotiationPolicy#REFUSE}</td><td>nothing here needs it</td></tr>
 * <tr><td>captureMasterSecret</td><td>false</td><td>the secret leaves BC only where a KDF needs it</td></tr>
 * </table>
 */
public record BcTlsServerConfig(
        List<TlsVersion> versions,
        List<String> cipherSuites,
        Optional<TlsKeyMaterial> keyMaterial,
        ClientAuth clientAuth,
        TrustAnchorSource clientAnchors,
        Optional<PskLookup> pskLookup,
        SessionIdPolicy sessionIdPolicy,
        boolean requireExtendedMasterSecret,
        boolean requireSecureRenegotiation,
        RenegotiationPolicy renegotiation,
        boolean captureMasterSecret,
        List<String> applicationProtocols) {

    public BcTlsServerConfig {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(keyMaterial, "keyMaterial");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(clientAnchors, "clientAnchors");
        Objects.requireNonNull(pskLookup, "pskLookup");
        Objects.requireNonNull(sessionIdPolicy, "sessionIdPolicy");
        Objects.requireNonNull(renegotiation, "renegotiation");
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    /** The anchors client certificates are checked against now (a handshake reads them once). */
    public List<X509Certificate> trustAnchors() {
        return clientAnchors.current();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.versions = versions;
        b.cipherSuites = cipherSuites;
        b.keyMaterial = keyMaterial.orElse(null);
        b.clientAuth = clientAuth;
        b.clientAnchors = clientAnchors;
        b.pskLookup = pskLookup.orElse(null);
        b.sessionIdPolicy = sessionIdPolicy;
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
        private TlsKeyMaterial keyMaterial;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustAnchorSource clientAnchors = TrustAnchorSource.of(List.of());
        private PskLookup pskLookup;
        private SessionIdPolicy sessionIdPolicy = SessionIdPolicy.RANDOM_32_OCTETS;
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

        /** IANA names, in order of preference; the server picks by its own order. */
        public Builder cipherSuites(List<String> names) {
            this.cipherSuites = ConfigChecks.suites(names);
            return this;
        }

        /** Certificate mode: this server's key and chain. */
        public Builder keyMaterial(TlsKeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        /** Asks for client certificates and checks them against {@code anchors} (PKIX, RFC 5280 6). */
        public Builder clientAuth(ClientAuth clientAuth, List<X509Certificate> anchors) {
            return clientAuth(clientAuth, TrustAnchorSource.of(anchors));
        }

        /**
         * As {@link #clientAuth(ClientAuth, List)}, with anchors read from {@code anchors} at every handshake: a
         * reload that {@link TrustAnchorSource#swap}s them applies to the next handshake (issue 18).
         */
        public Builder clientAuth(ClientAuth clientAuth, TrustAnchorSource anchors) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            this.clientAnchors = Objects.requireNonNull(anchors, "anchors");
            return this;
        }

        /** PSK mode: how the key of a client's PSK identity is found. */
        public Builder pskLookup(PskLookup lookup) {
            this.pskLookup = Objects.requireNonNull(lookup, "pskLookup");
            return this;
        }

        public Builder sessionIdPolicy(SessionIdPolicy policy) {
            this.sessionIdPolicy = Objects.requireNonNull(policy, "sessionIdPolicy");
            return this;
        }

        /** TLS 1.2: refuse clients without RFC 7627 extended master secret (handshake_failure, RFC 7627 5.2). */
        public Builder requireExtendedMasterSecret(boolean required) {
            this.requireExtendedMasterSecret = required;
            return this;
        }

        /** TLS 1.2: refuse clients without RFC 5746 (handshake_failure, RFC 5746 4.4); if false they may connect
         * but can never renegotiate. */
        public Builder requireSecureRenegotiation(boolean required) {
            this.requireSecureRenegotiation = required;
            return this;
        }

        public Builder renegotiation(RenegotiationPolicy policy) {
            this.renegotiation = Objects.requireNonNull(policy, "renegotiation");
            return this;
        }

        /** Keeps the TLS 1.2 master secret in the {@link BcTlsSession} (TS 33.122 AEFPSK derivation). */
        public Builder captureMasterSecret(boolean capture) {
            this.captureMasterSecret = capture;
            return this;
        }

        /** ALPN protocol IDs (RFC 7301) in the server's order of preference; empty means no ALPN. */
        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = ConfigChecks.alpn(protocols);
            return this;
        }

        public BcTlsServerConfig build() {
            if (keyMaterial == null && pskLookup == null) {
                throw new IllegalStateException("keyMaterial and pskLookup: both missing (expected: at least one)");
            }
            if (clientAuth != ClientAuth.NONE) {
                if (keyMaterial == null) {
                    throw new IllegalStateException("clientAuth: " + clientAuth
                            + " (expected: NONE without keyMaterial; client certificates need certificate mode)");
                }
                if (clientAnchors.current().isEmpty()) {
                    throw new IllegalStateException("clientAuth: " + clientAuth + " with no trust anchors");
                }
            }
            List<String> suites = cipherSuites;
            if (suites == null) {
                LinkedHashSet<String> d = new LinkedHashSet<>();
                if (pskLookup != null) {
                    d.addAll(CipherSuites.DEFAULT_PSK);
                }
                if (keyMaterial != null) {
                    d.addAll(CipherSuites.DEFAULT_CERTIFICATE.stream().filter(s -> fitsKey(s, keyMaterial)).toList());
                }
                suites = new ArrayList<>(d);
            }
            for (String s : suites) {
                CipherSuites.Kind kind = CipherSuites.named(s).kind();
                if (kind == CipherSuites.Kind.PSK && pskLookup == null) {
                    throw new IllegalStateException("cipherSuites: " + s + " needs pskLookup");
                }
                if ((kind == CipherSuites.Kind.CERTIFICATE_ECDSA || kind == CipherSuites.Kind.CERTIFICATE_RSA)
                        && (keyMaterial == null || !fitsKey(s, keyMaterial))) {
                    throw new IllegalStateException("cipherSuites: " + s + " needs keyMaterial with a matching key"
                            + (keyMaterial == null ? "" : " (got " + keyMaterial.key().getAlgorithm() + ")"));
                }
            }
            ConfigChecks.suitesCoverVersions(suites, versions);
            if (captureMasterSecret && !versions.contains(TlsVersion.TLS_1_2)) {
                throw new IllegalStateException("captureMasterSecret: true without TLS 1.2 (TLS 1.3 has no master"
                        + " secret to capture)");
            }
            return new BcTlsServerConfig(versions, suites, Optional.ofNullable(keyMaterial), clientAuth, clientAnchors,
                    Optional.ofNullable(pskLookup), sessionIdPolicy, requireExtendedMasterSecret,
                    requireSecureRenegotiation, renegotiation, captureMasterSecret, applicationProtocols);
        }

        private static boolean fitsKey(String suite, TlsKeyMaterial m) {
            return switch (CipherSuites.named(suite).kind()) {
                case CERTIFICATE_ECDSA -> m.key().getAlgorithm().equals("EC");
                case CERTIFICATE_RSA -> m.key().getAlgorithm().equals("RSA");
                default -> true;
            };
        }
    }
}
