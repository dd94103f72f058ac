package org.keygate.tls.bc;

import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * BC's non-blocking protocol objects with the configured {@link RenegotiationPolicy}. BC 1.84 asks the protocol, not
 * the peer, for its renegotiation policy ({@code TlsProtocol.getRenegotiationPolicy()}, DENY by default), and only
 * after its own checks: RFC 5746 secure renegotiation negotiated, RFC 7627 5.4 for resumed sessions, and a server
 * certificate (so a PSK-only connection is never renegotiated, whatever the policy).
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
