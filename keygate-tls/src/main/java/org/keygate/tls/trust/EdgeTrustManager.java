package org.keygate.tls.trust;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.revocation.CrlRevocation;

/**
 * Trust on an N32-f plane that Roaming Intermediaries take part in: a certificate carrying PLMN IDs is a SEPP's and
 * goes through {@link PlmnTrustManager} unchanged (TS 33.501 13.1.2); one carrying none is an intermediary's and must
 * validate against one of the configured intermediary anchors (the JDK's PKIX trust manager over them, so endpoint
 * identification of a dialled IPX is the JDK's). Which intermediary a peer is, and whom it may speak for, is decided
 * above TLS ({@link IntermediaryTrust#validate} against that intermediary's own anchor).
 */
public final class EdgeTrustManager extends X509ExtendedTrustManager {
    private final Optional<PlmnTrustManager> seppTrust;
    private final X509ExtendedTrustManager intermediaries;

    /** @param seppAnchors empty when this side talks to intermediaries only. */
    public EdgeTrustManager(Optional<PlmnTrustAnchors> seppAnchors, Collection<X509Certificate> intermediaryAnchors) {
        this(seppAnchors, intermediaryAnchors, CrlRevocation.none());
    }

    /**
     * @param revocation checked, after the JDK's PKIX validation, for an intermediary's chain against the anchor it
     *     validated under (as {@link PlmnTrustAnchors} does for SEPPs)
     */
    public EdgeTrustManager(Optional<PlmnTrustAnchors> seppAnchors, Collection<X509Certificate> intermediaryAnchors,
            CrlRevocation revocation) {
        if (intermediaryAnchors.isEmpty()) {
            throw new IllegalArgumentException("intermediaryAnchors: [] (expected: at least one IPX CA)");
        }
        this.seppTrust = seppAnchors.map(PlmnTrustManager::new);
        this.intermediaries = new RevocationChecked(pkix(intermediaryAnchors), List.copyOf(intermediaryAnchors),
                revocation);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pick(chain).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pick(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pick(chain).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pick(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pick(chain).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pick(chain).checkServerTrusted(chain, authType);
    }

    /** Empty, as {@link PlmnTrustManager#getAcceptedIssuers()} explains. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509ExtendedTrustManager pick(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        if (PeerIdentity.of(chain[0]).plmnIds().isEmpty()) {
            return intermediaries;
        }
        return seppTrust.orElseThrow(() -> new CertificateException("certificate " + chain[0].getSubjectX500Principal()
                + " carries PLMN IDs, but this hop expects a Roaming Intermediary"));
    }

    private static X509ExtendedTrustManager pkix(Collection<X509Certificate> anchors) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate a : anchors) {
                ks.setCertificateEntry("ipx-anchor-" + i++, a);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("unusable intermediary anchors: " + e.getMessage(), e);
        }
    }
}
