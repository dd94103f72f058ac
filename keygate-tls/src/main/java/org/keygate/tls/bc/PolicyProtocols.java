package org.keygate.tls.bc;

import java.io.IOException;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BC's non-blocking protocol objects with the configured {@link RenegotiationPolicy}. BC 1.84 asks the protocol, not
 * the peer, for its renegotiation policy ({@code TlsProtocol.getRenegotiationPolicy()}, DENY by default), and only
 * after its own checks: RFC 5746 secure renegotiation negotiated, RFC 7627 5.4 for resumed sessions, and a server
 * certificate. The server here overrides {@code handleRenegotiation()}: it keeps the first two checks and drops the
 * third, because TS 33.328 has the MRFP accept secure renegotiation on PSK connections, where the PSK authenticates
 * the server; {@link #accepts} decides. The client cannot do the same: BC's {@code TlsUtils.processServerCertificate}
 * fails a renegotiation without a server Certificate message (handshake_failure), so a client accepts only on
 * certificate connections and refuses on PSK ones. A refusal is BC's: a no_renegotiation warning alert (RFC 5746
 * 4.2, RFC 5246 7.2.2), the connection going on under the current keys unless the peer ends it.
 */
final class PolicyProtocols {
    private PolicyProtocols() {}

    static final class Server extends TlsServerProtocol {
        private final RenegotiationPolicy policy;

        Server(RenegotiationPolicy policy) {
            this.policy = policy;
        }

        /** A ClientHello on an established TLS 1.2 connection. */
        @Override
        protected boolean handleRenegotiation() throws IOException {
            if (accepts(policy, getContext().getSecurityParametersConnection())) {
                beginHandshake(true);
                return true;
            }
            refuseRenegotiation();
            return false;
        }
    }

    static final class Client extends TlsClientProtocol {
        private final RenegotiationPolicy policy;

        Client(RenegotiationPolicy policy) {
            this.policy = policy;
        }

        /** A HelloRequest on an established TLS 1.2 connection (RFC 5246 7.4.1.1). */
        @Override
        protected boolean handleRenegotiation() throws IOException {
            SecurityParameters connection = getContext().getSecurityParametersConnection();
            boolean serverCertificate = connection != null && connection.getPeerCertificate() != null
                    && !connection.getPeerCertificate().isEmpty();
            if (serverCertificate && accepts(policy, connection)) {
                beginHandshake(true);
                return true;
            }
            refuseRenegotiation();
            return false;
        }
    }

    /** RFC 5746 3.5 / 3.7: secure renegotiation was negotiated; RFC 7627 5.4: no resumed session without EMS. */
    static boolean accepts(RenegotiationPolicy policy, SecurityParameters connection) {
        return policy == RenegotiationPolicy.ACCEPT_SECURE && connection != null
                && connection.isSecureRenegotiation()
                && (!connection.isResumedSession() || connection.isExtendedMasterSecret());
    }
}
