package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body limit alone, in memory, fed one byte at a time (Netty's codec tests' way). */
class BodyLimitTest {
    private static final String OVERSIZED = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + "a".repeat(100);

    @Test
    void anOversizedRequestFedByteByByteGets413ProblemAndNoRequestPassesThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new BodyLimit(10));
        int fed = 0;
        for (byte b : OVERSIZED.getBytes(StandardCharsets.US_ASCII)) {
            if (!ch.isOpen()) {
                break;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            fed++;
        }
        // Refused as soon as the headers announced the size: the body was never read.
        assertThat(ch.isOpen()).isFalse();
        assertThat(fed).isLessThan(OVERSIZED.length() - 100 + 1);
        Object passed = ch.readInbound();
        assertThat(passed).isNull();
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = ch.readOutbound(); buf != null; buf = ch.readOutbound()) {
            out.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        assertThat(out).contains("HTTP/1.1 413", "application/problem+json", "\"status\":413", "connection: close");
    }

    @Test
    void aRequestWithinTheLimitPassesWhole() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new BodyLimit(100));
        String ok = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
        for (byte b : ok.getBytes(StandardCharsets.US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        FullHttpRequest req = ch.readInbound();
        assertThat(req.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        req.release();
    }
}
