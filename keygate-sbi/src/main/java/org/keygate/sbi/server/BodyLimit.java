package org.keygate.sbi.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import org.keygate.sbi.http.SbiCause;

/**
 * Aggregates an HTTP/1.1 request up to the configured body size; a larger one is answered 413 with a ProblemDetails
 * as soon as its size is known, and the connection is closed after the answer, since the unread body would
 * desynchronise it (HTTP/2 refuses only the stream: {@link Http2Exchanges}).
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
        ctx.writeAndFlush(HttpResponses.of(SbiCause.PAYLOAD_TOO_LARGE.problem(
                "the request body exceeds " + maxContentLength() + " octets"), false))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
