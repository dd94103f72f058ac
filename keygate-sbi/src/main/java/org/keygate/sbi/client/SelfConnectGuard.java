package org.keygate.sbi.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses a TCP self-connect (issue 12 item 6). A connect to a local port nobody listens on can be answered by the
 * socket itself when the kernel picks that port as the source (TCP simultaneous open, RFC 9293 3.5): the "connection"
 * then holds the port its server needs to come back on. First in the pipeline, this handler sees channelActive before
 * any handler after it can send a byte (HTTP/2 preface, ClientHello), and passes it on only for a real connection.
 * (A listener on the connect future could run after channelActive: added from the caller's thread once the connect
 * had completed, it is notified later on the event loop, by when the client had read its own preface and closed.)
 * The connection is reset (linger 0): an orderly close would leave the port in TIME_WAIT for a minute, where the
 * server could not bind it either.
 */
final class SelfConnectGuard extends ChannelInboundHandlerAdapter {
    private final InetSocketAddress address;
    private final CompletableFuture<SbiClientConnection> ready;

    SelfConnectGuard(InetSocketAddress address, CompletableFuture<SbiClientConnection> ready) {
        this.address = address;
        this.ready = ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (isSelfConnect(ch)) {
            ready.completeExceptionally(new ConnectException("cannot connect to " + address
                    + ": the connection reached itself (TCP self-connect), nobody listens there"));
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
            return;
        }
        ctx.fireChannelActive();
    }

    /** True when the connection's two ends are one socket (local address and port equal to the remote ones). */
    static boolean isSelfConnect(Channel ch) {
        return ch.localAddress() != null && ch.localAddress().equals(ch.remoteAddress());
    }
}
