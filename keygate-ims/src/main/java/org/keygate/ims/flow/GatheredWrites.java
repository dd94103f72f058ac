package org.keygate.ims.flow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CoalescingBufferQueue;
import java.nio.channels.ClosedChannelException;

/**
 * Gathers the encoded messages written on a connection until its next flush and passes them on as one buffer, so that
 * the TLS handler below makes one record of up to 16 KiB for many small messages instead of one record each (issue 20:
 * the relay flushes once per read batch; a record per 1 KiB chunk paid a record's fixed work, header, nonce, tag and
 * cipher set-up, per chunk). The bytes held count towards the connection's writability (Netty's
 * {@link CoalescingBufferQueue} with its channel), so {@link RelayBackPressure} sees them. Each write's promise
 * completes when the gathered buffer is written. A close flushes what is held first; buffers still held when the
 * connection is gone are released and their promises failed.
 */
public final class GatheredWrites extends ChannelDuplexHandler {
    private CoalescingBufferQueue held;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        held = new CoalescingBufferQueue(ctx.channel(), 16, true);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            held.add(buf, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) {
            ChannelPromise written = ctx.newPromise();
            ctx.write(held.remove(ctx.alloc(), held.readableBytes(), written), written);
        }
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flush(ctx);
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.releaseAndFailAll(ctx, new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.releaseAndFailAll(ctx, new ClosedChannelException());
    }
}
