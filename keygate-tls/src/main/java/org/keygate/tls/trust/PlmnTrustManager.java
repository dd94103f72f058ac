package org.keygate.tls.trust;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * JSSE trust decisions for SEPPs: the peer's chain must validate against the one anchor its PLMN IDs map to
 * ({@link PlmnTrustAnchors}), on both the client and the server side. Endpoint identification (the peer FQDN a
 * client dialled) is then left to the JDK's own trust manager over that single anchor, so hostname rules are the
 * JDK's, not ours.
 */
public final class PlmnTrustManager extends X509ExtendedTrustManager {
    private final PlmnTrustAnchors anchors;
    /** The JDK trust manager of each anchor, built once rather than per handshake. */
    private final Map<X509Certificate, X509ExtendedTrustManager> byAnchor = new HashMap<>();

    public PlmnTrustManager(PlmnTrustAnchors anchors) {
        this.anchors = anchors;
        for (X509Certificate a : anchors.allAnchors()) {
            try {
                byAnchor.put(a, build(a));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("unusable trust anchor " + a.getSubjectX500Principal(), e);
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk(anchor(chain)).checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk(anchor(chain)).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk(anchor(chain)).checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk(anchor(chain)).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk(anchor(chain)).checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk(anchor(chain)).checkServerTrusted(chain, authType);
    }

    /**
     * Empty on purpose, so that no certificate_authorities hint is sent (RFC 8446 4.2.4, RFC 5246 7.4.4): with a
     * hint, the JDK's key manager of a peer under another root sends no certificate at all, and the refusal would
     * read "empty certificate chain" instead of naming the peer's PLMN and why it is not trusted; and a SEPP with
     * hundreds of roaming partners would list every anchor in each CertificateRequest.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509Certificate anchor(X509Certificate[] chain) throws CertificateException {
        return anchors.anchorFor(chain == null ? List.of() : Arrays.asList(chain));
    }

    private X509ExtendedTrustManager jdk(X509Certificate anchor) {
        return byAnchor.get(anchor);
    }

    private static X509ExtendedTrustManager build(X509Certificate anchor) throws CertificateException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("anchor", anchor);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new CertificateException("the JDK offers no X509ExtendedTrustManager");
        } catch (CertificateException e) {
            throw e;
        } catch (Exception e) {
            throw new CertificateException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }
}
