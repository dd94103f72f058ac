package org.keygate.tls.jsse;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.keygate.tls.trust.EdgeTrustManager;
import org.keygate.tls.trust.PlmnTrustAnchors;
import org.keygate.tls.trust.PlmnTrustManager;

/**
 * A JSSE context for mutually authenticated TLS between SEPPs (TS 33.501 13.1, profiles of TS 33.210 6.2): this
 * SEPP's key and chain, and trust by PLMN anchor ({@link PlmnTrustManager}). One context serves both as N32-c
 * server and client; {@link #serverParameters()} requires a client certificate, {@link #clientParameters(String)}
 * names and verifies the dialled peer.
 */
public final class MutualTls {
    private static final char[] NO_PASSWORD = new char[0];
    private final SSLContext context;
    private final List<String> protocols;
    private final SwappableKeyManager keys;
    private final SwappableTrustManager trust;
    /** The engines made on this context's parts ({@link #engines}), whose session caches a trust change drops too. */
    private final List<TlsEngines> engines = new java.util.concurrent.CopyOnWriteArrayList<>();

    private MutualTls(SSLContext context, List<String> protocols, SwappableKeyManager keys,
            SwappableTrustManager trust) {
        this.context = context;
        this.protocols = protocols;
        this.keys = keys;
        this.trust = trust;
    }

    /**
     * Takes {@code next}'s key, chain and trust anchors in place of this context's own (a configuration reload,
     * issue 18): every handshake from now on, on the listeners and clients built on {@link #sslContext()}, uses them;
     * connections already up keep what they agreed. Cached sessions are dropped so that none is resumed under the old
     * trust (a resumption would skip the certificate check). The protocols stay this context's.
     */
    public void adopt(MutualTls next) {
        keys.swap(next.keys.current());
        trust.swap(next.trust.current());
        invalidateSessionsIf(chain -> true);
    }

    /**
     * Drops the cached sessions (client and server side) whose peer's chain {@code peerChain} accepts, so that none is
     * resumed: a resumption skips the certificate check (e.g. after a CRL refresh revoked that peer, issue 18).
     */
    public void invalidateSessionsIf(java.util.function.Predicate<List<java.security.cert.X509Certificate>> peerChain) {
        List<javax.net.ssl.SSLSessionContext> all = new java.util.ArrayList<>(List.of(
                context.getClientSessionContext(), context.getServerSessionContext()));
        engines.forEach(e -> all.addAll(e.sessionContexts()));
        for (javax.net.ssl.SSLSessionContext sessions : all) {
            for (var ids = sessions.getIds(); ids.hasMoreElements(); ) {
                javax.net.ssl.SSLSession s = sessions.getSession(ids.nextElement());
                if (s != null && peerChain.test(peerChain(s))) {
                    s.invalidate();
                }
            }
        }
    }

    private static List<java.security.cert.X509Certificate> peerChain(javax.net.ssl.SSLSession s) {
        try {
            return java.util.Arrays.stream(s.getPeerCertificates())
                    .filter(c -> c instanceof java.security.cert.X509Certificate)
                    .map(c -> (java.security.cert.X509Certificate) c).toList();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SSLContext sslContext() {
        return context;
    }

    /**
     * The engines of {@code provider} for a listener or client of the data path (N32-f, the SBI, the IPX node's hops),
     * over this context's own key and trust managers: a reload ({@link #adopt}) reaches them, and
     * {@link #invalidateSessionsIf} drops their cached sessions too. N32-c uses {@link #sslContext()} (the exporter).
     *
     * @param serverParameters {@link #serverParameters()} or a variant of it (client auth, protocols)
     */
    public TlsEngines engines(TlsProvider provider, SSLParameters serverParameters) {
        TlsEngines made = TlsEngines.of(provider, new TlsParts(context, java.util.Optional.of(keys), trust),
                serverParameters);
        engines.add(made);
        return made;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** Server side: client certificates required. */
    public SSLParameters serverParameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setNeedClientAuth(true);
        return p;
    }

    /**
     * Client side: SNI and endpoint identification ("HTTPS", RFC 2818 / RFC 6125 rules of the JDK) with the peer's
     * FQDN. Create the socket or engine with that same FQDN as its host ({@code createSSLEngine(peerFqdn, port)}):
     * when the SNI name does not match, the JDK falls back to checking the socket's host, and lab certificates
     * name {@code localhost}.
     */
    public SSLParameters clientParameters(String peerFqdn) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setServerNames(List.of(new SNIHostName(peerFqdn)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /** Checks each part as it is set and refuses to build without all of them. */
    public static final class Builder {
        private TlsKeyMaterial keyMaterial;
        private PlmnTrustAnchors anchors;
        private List<java.security.cert.X509Certificate> intermediaryAnchors = List.of();
        private org.keygate.tls.revocation.CrlRevocation intermediaryRevocation =
                org.keygate.tls.revocation.CrlRevocation.none();
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");

        private Builder() {}

        public Builder keyMaterial(TlsKeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        public Builder trustAnchors(PlmnTrustAnchors anchors) {
            this.anchors = Objects.requireNonNull(anchors, "trustAnchors");
            return this;
        }

        /**
         * The CAs of Roaming Intermediaries (IPX) this side talks to on N32-f: a peer certificate without PLMN IDs is
         * then trusted when it validates against one of them ({@link EdgeTrustManager}); SEPP certificates stay under
         * PLMN trust. Optional; enough on its own for a side that only talks to intermediaries.
         */
        public Builder intermediaryAnchors(java.util.Collection<java.security.cert.X509Certificate> anchors) {
            this.intermediaryAnchors = List.copyOf(anchors);
            return this;
        }

        /** The CRLs intermediaries' chains are checked against; default: none checked. */
        public Builder intermediaryRevocation(org.keygate.tls.revocation.CrlRevocation revocation) {
            this.intermediaryRevocation = Objects.requireNonNull(revocation, "intermediaryRevocation");
            return this;
        }

        public Builder protocols(List<String> protocols) {
            for (String p : protocols) {
                if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                    throw new IllegalArgumentException("protocols: " + p + " (expected: TLSv1.3 or TLSv1.2)");
                }
            }
            if (protocols.isEmpty()) {
                throw new IllegalArgumentException("protocols: [] (expected: TLSv1.3 and/or TLSv1.2)");
            }
            this.protocols = List.copyOf(protocols);
            return this;
        }

        public MutualTls build() {
            if (keyMaterial == null) {
                throw new IllegalStateException("keyMaterial: missing (expected: this SEPP's key and chain)");
            }
            if (anchors == null && intermediaryAnchors.isEmpty()) {
                throw new IllegalStateException("trustAnchors: missing (expected: an anchor per remote PLMN)");
            }
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("sepp", keyMaterial.key(), NO_PASSWORD,
                        keyMaterial.chain().toArray(new java.security.cert.Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(ks, NO_PASSWORD);
                SSLContext ctx = SSLContext.getInstance("TLS");
                javax.net.ssl.X509ExtendedTrustManager trust = intermediaryAnchors.isEmpty()
                        ? new PlmnTrustManager(anchors)
                        : new EdgeTrustManager(java.util.Optional.ofNullable(anchors), intermediaryAnchors,
                                intermediaryRevocation);
                javax.net.ssl.X509ExtendedKeyManager key = java.util.Arrays.stream(kmf.getKeyManagers())
                        .filter(k -> k instanceof javax.net.ssl.X509ExtendedKeyManager)
                        .map(k -> (javax.net.ssl.X509ExtendedKeyManager) k).findFirst()
                        .orElseThrow(() -> new GeneralSecurityException("the JDK offers no X509ExtendedKeyManager"));
                SwappableKeyManager keys = new SwappableKeyManager(key);
                SwappableTrustManager swappable = new SwappableTrustManager(trust);
                ctx.init(new javax.net.ssl.KeyManager[] {keys}, new TrustManager[] {swappable}, new SecureRandom());
                return new MutualTls(ctx, protocols, keys, swappable);
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
            }
        }
    }
}
