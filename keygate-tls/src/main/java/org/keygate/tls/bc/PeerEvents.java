package org.keygate.tls.bc;

/** What the BC peers tell the handler, from inside BC's calls on the handler's executor. */
interface PeerEvents {
    void handshakeComplete(BcTlsSession session);

    void alertRaised(short level, short description, String message, Throwable cause);

    void alertReceived(short level, short description);
}
