package org.keygate.tls.bc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads the PSK identities a client offers from its handshake records before Bouncy Castle processes them, so the
 * {@link PskLookup} can run (and do network I/O) while the handler holds those records back. BC's PSK callbacks are
 * synchronous and would otherwise have to block the event loop.
 *
 * <p>Where identities travel: TLS 1.2, in the ClientKeyExchange (RFC 4279 2: {@code opaque psk_identity<0..2^16-1>}
 * first in every PSK key exchange, RFC 4279 3 and 4, RFC 5489 2); TLS 1.3, in the ClientHello's pre_shared_key
 * extension (RFC 8446 4.2.11). Both are in cleartext handshake records (content type 22, RFC 8446 5.1). Scanning
 * stops at the first encrypted record: application_data (23), or a record after the client's ChangeCipherSpec
 * once a ClientKeyExchange was seen (its Finished is encrypted). Malformed input only stops the scan: BC then
 * rejects it with the right alert. No identity found means no lookup, and BC answers unknown_psk_identity.
 *
 * A ClientKeyExchange is read as PSK only when the server chose a PSK key exchange ({@code pskKeyExchange}, asked
 * when the message arrives, after BC has answered the ClientHello): under ECDHE_ECDSA its first octets are a
 * public key, not an identity, and must not reach the lookup.
 *
 * <p>Memory: at most {@value #MAX_BUFFERED_OCTETS} octets of handshake data are kept; past that the scan stops.
 */
final class ClientPskScanner {
    static final int MAX_BUFFERED_OCTETS = 64 * 1024;
    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int CLIENT_HELLO = 1;
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static final int PRE_SHARED_KEY = 41;
    /** RFC 8446 5.1: a plaintext record is at most 2^14 octets. */
    private static final int MAX_RECORD = 1 << 14;

    private final BooleanSupplier pskKeyExchange;
    private ByteArrayOutputStream records = new ByteArrayOutputStream();
    private ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private boolean sawClientKeyExchange;
    private boolean done;

    ClientPskScanner(BooleanSupplier pskKeyExchange) {
        this.pskKeyExchange = pskKeyExchange;
    }

    boolean done() {
        return done;
    }

    /** Feeds the next octets the client sent; returns the identities found in them (raw octets). */
    List<byte[]> feed(byte[] octets) {
        List<byte[]> found = new ArrayList<>();
        if (done) {
            return found;
        }
        records.writeBytes(octets);
        ByteBuffer in = ByteBuffer.wrap(records.toByteArray());
        while (!done && in.remaining() >= 5) {
            int type = in.get(in.position()) & 0xff;
            int length = in.getShort(in.position() + 3) & 0xffff;
            if (length > MAX_RECORD + 2048) {
                stop();
                return found;
            }
            if (in.remaining() < 5 + length) {
                break;
            }
            in.position(in.position() + 5);
            byte[] fragment = new byte[length];
            in.get(fragment);
            record(type, fragment, found);
        }
        if (done) {
            return found;
        }
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        records = new ByteArrayOutputStream();
        records.writeBytes(rest);
        if (rest.length + handshake.size() > MAX_BUFFERED_OCTETS) {
            stop();
        }
        return found;
    }

    private void record(int type, byte[] fragment, List<byte[]> found) {
        if (type == CHANGE_CIPHER_SPEC) {
            if (sawClientKeyExchange) {
                stop();
            }
            return;
        }
        if (type == ALERT) {
            return;
        }
        if (type != HANDSHAKE) {
            stop();
            return;
        }
        handshake.writeBytes(fragment);
        ByteBuffer hs = ByteBuffer.wrap(handshake.toByteArray());
        while (!done && hs.remaining() >= 4) {
            int msgType = hs.get(hs.position()) & 0xff;
            int msgLength = ((hs.get(hs.position() + 1) & 0xff) << 16) | (hs.getShort(hs.position() + 2) & 0xffff);
            if (msgLength > MAX_BUFFERED_OCTETS) {
                stop();
                return;
            }
            if (hs.remaining() < 4 + msgLength) {
                break;
            }
            hs.position(hs.position() + 4);
            ByteBuffer body = hs.slice(hs.position(), msgLength);
            hs.position(hs.position() + msgLength);
            try {
                message(msgType, body, found);
            } catch (RuntimeException malformed) {
                stop();
                return;
            }
        }
        if (!done) {
            byte[] rest = new byte[hs.remaining()];
            hs.get(rest);
            handshake = new ByteArrayOutputStream();
            handshake.writeBytes(rest);
        }
    }

    private void message(int type, ByteBuffer body, List<byte[]> found) {
        if (type == CLIENT_KEY_EXCHANGE) {
            sawClientKeyExchange = true;
            if (pskKeyExchange.getAsBoolean()) {
                found.add(opaque16(body));
            }
            stop();
        } else if (type == CLIENT_HELLO) {
            clientHello(body, found);
        }
    }

    /** RFC 8446 4.1.2 and 4.2.11: the identities of the pre_shared_key extension. */
    private static void clientHello(ByteBuffer b, List<byte[]> found) {
        skip(b, 2 + 32); // legacy_version, random
        skip(b, b.get() & 0xff); // legacy_session_id
        skip(b, b.getShort() & 0xffff); // cipher_suites
        skip(b, b.get() & 0xff); // legacy_compression_methods
        if (!b.hasRemaining()) {
            return; // no extensions
        }
        ByteBuffer extensions = b.slice(b.position() + 2, b.getShort() & 0xffff);
        while (extensions.remaining() >= 4) {
            int extType = extensions.getShort() & 0xffff;
            int extLength = extensions.getShort() & 0xffff;
            ByteBuffer data = extensions.slice(extensions.position(), extLength);
            skip(extensions, extLength);
            if (extType == PRE_SHARED_KEY) {
                ByteBuffer identities = data.slice(data.position() + 2, data.getShort() & 0xffff);
                while (identities.hasRemaining()) {
                    found.add(opaque16(identities));
                    skip(identities, 4); // obfuscated_ticket_age
                }
            }
        }
    }

    private static byte[] opaque16(ByteBuffer b) {
        byte[] out = new byte[b.getShort() & 0xffff];
        b.get(out);
        return out;
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private void stop() {
        done = true;
        records = null;
        handshake = null;
    }
}
