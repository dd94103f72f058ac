package org.keygate.ims.ue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.keygate.ims.bfcp.BfcpDecoder;
import org.keygate.ims.bfcp.BfcpEncoder;
import org.keygate.ims.bfcp.BfcpLimits;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.mrfp.MrfpTls;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.ExternalPsk;

/**
 * A scripted UE's end of one TCP media stream with TLS-PSK (the same profile as the MRFP, {@link MrfpTls}): it
 * connects or listens (TCP role), runs TLS as client or server (TLS role), and queues what it receives (MSRP messages
 * or BFCP messages, decoded with keygate's codecs) for the script to read with a bounded wait. For the lab and tests.
 */
public final class UeMediaLink implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Channel> tls = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The MRFP ended the TLS session with close_notify (RFC 8446 6.1), not by dropping TCP or a fatal alert. */
    private volatile boolean closeNotifyReceived;
    private final MediaKind kind;
    private final ConnectionRole tlsRole;
    private final ExternalPsk psk;
    private Channel listener;

    private UeMediaLink(MediaKind kind, ConnectionRole tlsRole, ExternalPsk psk) {
        this.kind = kind;
        this.tlsRole = tlsRole;
        this.psk = psk;
    }

    /** TCP client: connects to the MRFP's stream now. */
    public static UeMediaLink connect(InetSocketAddress mrfp, MediaKind kind, ConnectionRole tlsRole, ExternalPsk psk) {
        UeMediaLink link = new UeMediaLink(kind, tlsRole, psk);
        new Bootstrap().group(link.group).channel(NioSocketChannel.class).handler(link.initializer()).connect(mrfp)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        link.tls.completeExceptionally(f.cause());
                    }
                });
        return link;
    }

    /** TCP server: listens on {@code bind} (port 0 for any) for the MRFP's one connection. */
    public static UeMediaLink listen(InetSocketAddress bind, MediaKind kind, ConnectionRole tlsRole, ExternalPsk psk) {
        UeMediaLink link = new UeMediaLink(kind, tlsRole, psk);
        link.listener = new ServerBootstrap().group(link.group).channel(NioServerSocketChannel.class)
                .childHandler(link.initializer()).bind(bind).syncUninterruptibly().channel();
        return link;
    }

    public InetSocketAddress listenAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    private ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(tlsRole == ConnectionRole.CLIENT ? BcTlsHandler.client(MrfpTls.client(psk))
                        : BcTlsHandler.server(MrfpTls.server(psk)));
                if (kind == MediaKind.MSRP) {
                    ch.pipeline().addLast(new MsrpDecoder(MsrpLimits.DEFAULT), new MsrpEncoder());
                } else {
                    ch.pipeline().addLast(new BfcpDecoder(BfcpLimits.DEFAULT), new BfcpEncoder());
                }
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof SslHandshakeCompletionEvent done) {
                            if (done.isSuccess()) {
                                tls.complete(ctx.channel());
                            } else {
                                tls.completeExceptionally(done.cause());
                            }
                        } else if (evt instanceof io.netty.handler.ssl.SslCloseCompletionEvent end && end.isSuccess()) {
                            closeNotifyReceived = true;
                        }
                        ctx.fireUserEventTriggered(evt);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received.add(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        tls.completeExceptionally(new java.io.IOException("connection closed"));
                        closed.complete(null);
                    }
                });
            }
        };
    }

    /** Waits (bounded) until the connection is closed (by the MRFP, or because it died); false if it was not. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the peer ended the TLS session with close_notify (read it after {@link #awaitClosed}). */
    public boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    /** Waits (bounded) for the TLS handshake; throws with the cause when it failed. */
    public void awaitTls(Duration timeout) throws Exception {
        tls.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes an MSRP or BFCP message once TLS is up. */
    public void send(Object message) throws Exception {
        Channel ch = tls.get(10, TimeUnit.SECONDS);
        ch.writeAndFlush(message).sync();
    }

    /** The next received message, or null after the timeout. */
    public Object next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
