package org.keygate.tls.jsse;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of a {@link MutualTls} context, delegating to the one its last {@link MutualTls#adopt} brought:
 * after a reload, every later handshake checks the peer against the new anchors (and their revocation). Public for
 * the nodes that build their contexts without {@code MutualTls} (the IMS KMS and MRFC, issue 18).
 */
public final class SwappableTrustManager extends X509ExtendedTrustManager {
    private volatile X509ExtendedTrustManager current;

    public SwappableTrustManager(X509ExtendedTrustManager first) {
        this.current = first;
    }

    public void swap(X509ExtendedTrustManager next) {
        this.current = next;
    }

    X509ExtendedTrustManager current() {
        return current;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current.getAcceptedIssuers();
    }
}
