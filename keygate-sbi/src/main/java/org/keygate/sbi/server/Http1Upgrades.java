package org.keygate.sbi.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Before the HTTP/1.1 dispatcher: hands a request the server's {@link Http1Upgrade} wants to it, with the
 * connection, and steps out of the pipeline; every other request goes on to the dispatcher. After a switch the HTTP
 * tail (keep-alive, dispatcher) would only see frames it does not know, so it is removed too.
 */
final class Http1Upgrades extends ChannelInboundHandlerAdapter {
    static final String NAME = "http1-upgrade";
    private final Http1Upgrade upgrade;

    Http1Upgrades(Http1Upgrade upgrade) {
        this.upgrade = upgrade;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !upgrade.wants(request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        var p = ctx.pipeline();
        for (String tail : new String[] {"keep-alive", "dispatch"}) {
            if (p.get(tail) != null) {
                p.remove(tail);
            }
        }
        upgrade.upgrade(ctx, request, SbiRequestDispatcher.connection(ctx.channel()));
    }
}
