package org.keygate.capif.ccf;

import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications over HTTP/2: {@code https} destinations with the CCF's own certificate and trust,
 * {@code http} ones as h2c with prior knowledge (a lab invoker on loopback). Fire and forget: a failed delivery is
 * logged once, the revocation stands.
 */
final class SbiNotifier implements CcfNotifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SbiNotifier.class);
    private final SbiClient tls;
    private final SbiClient cleartext;

    SbiNotifier(SSLContext ccfContext) {
        this.tls = SbiClient.builder().tls(ccfContext).build();
        this.cleartext = SbiClient.builder().cleartext().build();
    }

    @Override
    public void securityNotification(String destination, SecurityNotification notification) {
        URI uri = URI.create(destination);
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        SSLParameters params = null;
        if (secure) {
            params = new SSLParameters();
            params.setServerNames(java.util.List.of(new SNIHostName(uri.getHost())));
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        (secure ? tls : cleartext).connect(new InetSocketAddress(uri.getHost(), port), params)
                .thenCompose(c -> c.send(SbiRequest.json("POST", path, SbiJson.write(notification)),
                        uri.getHost() + ":" + port, secure ? "https" : "http").whenComplete((r, e) -> c.close()))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.info("security notification to an invoker not delivered: {}", e.getClass().getSimpleName());
                    } else if (r.status() / 100 != 2) {
                        LOG.info("security notification answered {}", r.status());
                    }
                });
    }

    @Override
    public void close() {
        tls.close();
        cleartext.close();
    }
}
