package org.keygate.ims.mrfc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.keygate.ims.kms.KmsTls;

/**
 * Whether the MRFC can reach its KMS, for /healthz: a TCP connection to the KMS's address and a TLS handshake with the
 * MRFC's own context (SNI and host name verification of the KMS's certificate, as {@link ReconnectingKmsResolver}
 * does), then closed. It proves the KMS listens and is the KMS; whether the KMS accepts the MRFC's key shows on the
 * first call. Each probe is bounded by {@code timeout}.
 */
public final class KmsProbe {
    private final InetSocketAddress address;
    private final SSLContext tls;
    private final SSLParameters parameters;
    private final Duration timeout;

    public KmsProbe(InetSocketAddress address, String kmsHost, SSLContext tls, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.parameters = KmsTls.clientParameters(tls, kmsHost);
        // the KMS is an HTTP server with ALPN (RFC 7301); offer what the KMS client offers
        this.parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Empty if the KMS answered the handshake; else why not (no key material: exception class and message). */
    public Optional<String> probe() {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket tcp = new Socket()) {
            tcp.connect(address, millis);
            tcp.setSoTimeout(millis);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(tcp, address.getHostString(),
                    address.getPort(), false)) {
                s.setSSLParameters(parameters);
                s.startHandshake();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the KMS at " + address + " cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""));
        }
    }
}
