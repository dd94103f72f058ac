package org.keygate.tls.bc;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A BC TLS client on loopback: sends {@code message} once the handshake is done and collects what comes back until
 * the connection closes.
 */
final class TestClient implements AutoCloseable {
    final CompletableFuture<BcTlsSession> handshake = new CompletableFuture<>();
    final CompletableFuture<String> answer = new CompletableFuture<>();
    /** How the TLS session ended after the handshake: null for close_notify, else the fatal alert. */
    final CompletableFuture<Throwable> ended = new CompletableFuture<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final StringBuilder received = new StringBuilder();
    private final java.util.concurrent.BlockingQueue<String> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
    final Channel channel;
    final BcTlsHandler tls;

    TestClient(int port, BcTlsClientConfig config, String message) throws InterruptedException {
        tls = BcTlsHandler.client(config);
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls).addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof io.netty.handler.ssl.SslCloseCompletionEvent e) {
                                    ended.complete(e.cause());
                                }
                                if (evt instanceof SslHandshakeCompletionEvent e) {
                                    if (e.isSuccess()) {
                                        handshake.complete(ctx.pipeline().get(BcTlsHandler.class).session()
                                                .orElseThrow());
                                        ctx.writeAndFlush(Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
                                    } else {
                                        handshake.completeExceptionally(e.cause());
                                    }
                                }
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                received.append(b.toString(StandardCharsets.UTF_8));
                                chunks.add(b.toString(StandardCharsets.UTF_8));
                                b.release();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                answer.complete(received.toString());
                            }
                        });
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** What arrived until it contains {@code needle}; fails after 20 s. */
    String readUntil(String needle) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!seen.toString().contains(needle)) {
            String chunk = chunks.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (chunk == null) {
                throw new AssertionError("no '" + needle + "' within 20 s; got '" + seen + "'");
            }
            seen.append(chunk);
        }
        return seen.toString();
    }

    String answer() throws Exception {
        return answer.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
