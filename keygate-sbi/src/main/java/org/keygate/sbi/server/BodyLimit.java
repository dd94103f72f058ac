package org.keygate.sbi.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.keygate.sbi.http.SbiCause;

/**
 * Aggregates a request up to the configured body size; a larger one is answered 413 with a ProblemDetails as soon
 * as its size is known, and the rest of its body is dropped unread. On HTTP/2 only the stream is affected; an
 * HTTP/1.1 connection is closed after the answer, since the unread body would desynchronise it.
 */
final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest)) {
            ctx.close();
            return;
        }
        var response = HttpResponses.of(SbiCause.PAYLOAD_TOO_LARGE.problem(
                "the request body exceeds " + maxContentLength() + " octets"), ctx.channel() instanceof Http2StreamChannel);
        var write = ctx.writeAndFlush(response);
        if (!(ctx.channel() instanceof Http2StreamChannel)) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
