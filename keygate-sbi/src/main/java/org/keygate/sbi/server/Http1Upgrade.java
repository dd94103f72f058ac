package org.keygate.sbi.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Takes an HTTP/1.1 connection over from the server for another protocol (RFC 9110 7.8 {@code Upgrade}), e.g. a
 * WebSocket (RFC 6455 4.2) on the same listener and TLS as the API. The server asks {@link #wants} for each
 * aggregated HTTP/1.1 request before its {@link SbiHandler} sees it; HTTP/2 requests never come here.
 *
 * <p>{@link #upgrade} owns the request (releases it) and the connection from then on: it answers (a refusal or the
 * protocol switch) and rebuilds the pipeline from {@code ctx} on (Netty's WebSocket handshaker replaces the HTTP codec
 * itself). It runs on the connection's event loop and must not block.
 */
public interface Http1Upgrade {
    /** Whether {@code request} is one this upgrade serves (checked on the event loop; must not block). */
    boolean wants(FullHttpRequest request);

    /** Answers {@code request} on {@code ctx}, switching protocols or refusing; releases the request. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, SbiConnection connection);
}
