package org.keygate.tls.bc;

import java.io.IOException;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BC's non-blocking protocol objects with the configured {@link RenegotiationPolicy}. BC 1.84 asks the protocol, not
 * the peer, for its renegotiation policy ({@code TlsProtocol.getRenegotiationPolicy()}, DENY by default), and only
 * after its own checks: RFC 5746 secure renegotiation negotiated, RFC 7627 5.4 for resumed sessions, and a server
 * certificate. The server here keeps the first two checks and drops the third, because TS 33.328 has the MRFP
 * accept secure renegotiation on PSK connections, where the PSK authenticates the server: its own
 * {@link Server#handleRenegotiation()} decides. A refusal is BC's: a no_renegotiation warning alert (RFC 5746 4.2,
 * RFC 5246 7.2.2), the connection going on under the current keys.
 */
final class PolicyProtocols {
    private PolicyProtocols() {}

    static int bc(RenegotiationPolicy policy) {
        return switch (policy) {
            case REFUSE -> org.bouncycastle.tls.RenegotiationPolicy.DENY;
            case ACCEPT_SECURE -> org.bouncycastle.tls.RenegotiationPolicy.ACCEPT;
        };
    }

    static final class Server extends TlsServerProtocol {
        private final RenegotiationPolicy policy;

        Server(RenegotiationPolicy policy) {
            this.policy = policy;
        }

        @Override
        protected int getRenegotiationPolicy() {
            return bc(policy);
        }

        /** A ClientHello on an established TLS 1.2 connection. */
        @Override
        protected boolean handleRenegotiation() throws IOException {
            SecurityParameters connection = getContext().getSecurityParametersConnection();
            if (policy == RenegotiationPolicy.ACCEPT_SECURE && connection != null
                    && connection.isSecureRenegotiation() // RFC 5746 3.7
                    && (!connection.isResumedSession() || connection.isExtendedMasterSecret())) { // RFC 7627 5.4
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

        @Override
        protected int getRenegotiationPolicy() {
            return bc(policy);
        }
    }
}
