package org.keygate.tls.bc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A BC TLS server on loopback answering the first application bytes with {@code "echo:" + bytes} and then closing
 * (close_notify, then TCP close). Records each handshake's session or failure and each connection's end.
 */
final class EchoServer implements AutoCloseable {
    final BlockingQueue<BcTlsSession> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** The handler's session when application bytes arrived (after a renegotiation, the new one). */
    final BlockingQueue<BcTlsSession> sessionsAtRead = new LinkedBlockingQueue<>();
    final BlockingQueue<Channel> closed = new LinkedBlockingQueue<>();
    /** Each TLS session that ended with the peer's close_notify. */
    final BlockingQueue<Channel> closeNotified = new LinkedBlockingQueue<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;
    private final boolean closeAfterEcho;

    EchoServer(BcTlsServerConfig config) throws InterruptedException {
        this(config, true);
    }

    EchoServer(BcTlsServerConfig config, boolean closeAfterEcho) throws InterruptedException {
        this.closeAfterEcho = closeAfterEcho;
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.closeFuture().addListener(f -> closed.add(ch));
                        ch.pipeline().addLast("tls", BcTlsHandler.server(config)).addLast(new Echo());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    BcTlsSession session() throws InterruptedException {
        BcTlsSession s = sessions.poll(20, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no handshake completed; failures: " + failures);
        }
        return s;
    }

    Throwable failure() throws InterruptedException {
        Throwable t = failures.poll(20, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no handshake failed; sessions: " + sessions);
        }
        return t;
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    sessions.add(ctx.pipeline().get(BcTlsHandler.class).session().orElseThrow());
                } else {
                    failures.add(e.cause());
                }
            } else if (evt instanceof SslCloseCompletionEvent e) {
                if (e.isSuccess()) {
                    closeNotified.add(ctx.channel());
                } else {
                    failures.add(e.cause());
                }
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            String text = in.toString(StandardCharsets.UTF_8);
            in.release();
            received.add(text);
            sessionsAtRead.add(ctx.pipeline().get(BcTlsHandler.class).session().orElseThrow());
            var write = ctx.writeAndFlush(Unpooled.copiedBuffer("echo:" + text, StandardCharsets.UTF_8));
            if (closeAfterEcho) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
