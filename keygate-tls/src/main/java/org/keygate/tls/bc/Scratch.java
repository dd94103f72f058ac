package org.keygate.tls.bc;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Arrays reused on each event-loop thread for octets Bouncy Castle copies or encrypts before the call returns
 * ({@code TlsProtocol.offerInput}, {@code writeApplicationData}), so that {@link BcTlsHandler} allocates no array per
 * read or write to hand BC the octets of a direct or gathered buffer (BC takes arrays only). One per direction: an
 * encryption for another connection can run while a read's octets are still being offered on the same thread.
 */
enum Scratch {
    INPUT, OUTPUT;

    /** Larger requests get an array of their own, so a thread keeps at most this much per direction. */
    private static final int KEPT = 64 * 1024;

    private final FastThreadLocal<byte[]> array = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[16 * 1024];
        }
    };

    /** An array of at least {@code n} octets, valid until the next call on this thread. */
    byte[] get(int n) {
        byte[] a = array.get();
        if (a.length >= n) {
            return a;
        }
        byte[] bigger = new byte[n];
        if (n <= KEPT) {
            array.set(bigger);
        }
        return bigger;
    }

    /** The buffer's readable octets from offset 0 of such an array; the buffer's indexes do not move. */
    byte[] copyOf(ByteBuf in) {
        byte[] a = get(in.readableBytes());
        in.getBytes(in.readerIndex(), a, 0, in.readableBytes());
        return a;
    }
}
