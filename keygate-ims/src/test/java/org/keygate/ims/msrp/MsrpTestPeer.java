package org.keygate.ims.msrp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A test UE's MSRP side over any byte stream: writes messages, reads them back with keygate's decoder. */
public final class MsrpTestPeer {
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
    private final Deque<Object> ready = new ArrayDeque<>();

    public MsrpTestPeer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    public void send(MsrpMessage message) throws IOException {
        out.write(MsrpEncoder.encode(message));
        out.flush();
    }

    /** The next message or decode failure; the stream's read timeout bounds the wait. */
    public Object next() throws IOException {
        byte[] buf = new byte[4096];
        while (ready.isEmpty()) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed before a whole MSRP message arrived");
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
            for (Object o; (o = decoder.readInbound()) != null; ) {
                ready.add(o);
            }
        }
        return ready.poll();
    }

    /** True once the peer has closed the stream (reads until EOF, bounded by the read timeout). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read(new byte[1024]) < 0 || in.read(new byte[1024]) < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }
}
