package org.keygate.n32.n32f.prins;

import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.nonce.ReplayWindow;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32f.jwe.N32fJweDecrypter;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;

/**
 * The four JWE directions of one PRINS context, as seen from this SEPP (TS 33.501 13.2.4.4.1): "parallel" keys
 * protect the HTTP session in which the N32-c initiator is the client, "reverse" keys the one in which the
 * responder is.
 *
 * <pre>
 *                      initiator                   responder
 * outgoing requests    parallel_request  (enc)     reverse_request   (enc)
 * incoming responses   parallel_response (dec)     reverse_response  (dec)
 * incoming requests    reverse_request   (dec)     parallel_request  (dec)
 * outgoing responses   reverse_response  (enc)     parallel_response (enc)
 * </pre>
 *
 * Holds the nonce counters and replay windows of the context: create it once per context, not per message.
 */
public final class N32fContextCrypto {
    final N32fJweEncrypter outgoingRequests;
    final N32fJweDecrypter incomingResponses;
    final N32fJweDecrypter incomingRequests;
    final N32fJweEncrypter outgoingResponses;

    private N32fContextCrypto(N32fSessionKeys k, N32Role role, int replayWindow) {
        boolean initiator = role == N32Role.INITIATOR;
        outgoingRequests = initiator
                ? new N32fJweEncrypter(k.parallelRequestKey(), k.parallelRequestIvSalt())
                : new N32fJweEncrypter(k.reverseRequestKey(), k.reverseRequestIvSalt());
        incomingResponses = initiator
                ? new N32fJweDecrypter(k.parallelResponseKey(), k.parallelResponseIvSalt(), new ReplayWindow(replayWindow))
                : new N32fJweDecrypter(k.reverseResponseKey(), k.reverseResponseIvSalt(), new ReplayWindow(replayWindow));
        incomingRequests = initiator
                ? new N32fJweDecrypter(k.reverseRequestKey(), k.reverseRequestIvSalt(), new ReplayWindow(replayWindow))
                : new N32fJweDecrypter(k.parallelRequestKey(), k.parallelRequestIvSalt(), new ReplayWindow(replayWindow));
        outgoingResponses = initiator
                ? new N32fJweEncrypter(k.reverseResponseKey(), k.reverseResponseIvSalt())
                : new N32fJweEncrypter(k.parallelResponseKey(), k.parallelResponseIvSalt());
    }

    public static N32fContextCrypto of(PrinsContext context) {
        return new N32fContextCrypto(context.sessionKeys(), context.role(), ReplayWindow.DEFAULT_SIZE);
    }
}
