package org.keygate.tls.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keygate.tls.revocation.CrlRevocation;

/**
 * The JDK's PKIX trust manager over some anchors, then {@link CrlRevocation} for the chain against the anchor that
 * issued its top certificate. The JDK's own revocation checking stays off ({@link CrlRevocation} says why).
 */
final class RevocationChecked extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final List<X509Certificate> anchors;
    private final CrlRevocation revocation;

    RevocationChecked(X509ExtendedTrustManager pkix, List<X509Certificate> anchors, CrlRevocation revocation) {
        this.pkix = pkix;
        this.anchors = anchors;
        this.revocation = revocation;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        revoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        revoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        revoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        revoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        revoked(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        revoked(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /** The path is the chain up to (without) the anchor that signed its last certificate; PKIX found one. */
    private void revoked(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> path = new ArrayList<>(List.of(chain));
        while (path.size() > 1 && anchors.contains(path.getLast())) {
            path.removeLast();
        }
        X509Certificate top = path.getLast();
        for (X509Certificate anchor : anchors) {
            if (!anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                continue;
            }
            try {
                top.verify(anchor.getPublicKey());
            } catch (GeneralSecurityException e) {
                continue;
            }
            revocation.check(path, anchor);
            return;
        }
    }
}
