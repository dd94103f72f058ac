package org.keygate.ims.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatheredWritesTest {
    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void writesUntilAFlushLeaveAsOneBufferInOrderAndCompleteTheirPromises() {
        EmbeddedChannel ch = new EmbeddedChannel(new GatheredWrites());
        ChannelFuture a = ch.write(ascii("one "));
        ChannelFuture b = ch.write(ascii("two "));
        ChannelFuture c = ch.write(ascii("three"));
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(a.isDone()).isFalse();
        ch.flush();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("one two three");
        out.release();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(a.isSuccess() && b.isSuccess() && c.isSuccess()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    /** The held bytes count towards writability, so a relay's back-pressure sees them before the flush. */
    @Test
    void heldBytesMakeTheConnectionUnwritable() {
        EmbeddedChannel ch = new EmbeddedChannel(new GatheredWrites());
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        ch.write(ascii("0123456789"));
        assertThat(ch.isWritable()).isTrue();
        ch.write(ascii("0123456789"));
        assertThat(ch.isWritable()).isFalse();
        ch.flush();
        assertThat(ch.isWritable()).isTrue(); // the embedded channel writes at once
        ((ByteBuf) ch.readOutbound()).release();
        ch.finishAndReleaseAll();
    }

    @Test
    void heldBuffersAreReleasedAndTheirWritesFailedWhenTheHandlerGoes() {
        EmbeddedChannel ch = new EmbeddedChannel(new GatheredWrites());
        ByteBuf held = ascii("never sent");
        ChannelFuture f = ch.write(held);
        ch.pipeline().removeFirst();
        assertThat(held.refCnt()).isZero();
        assertThat(f.isDone() && !f.isSuccess()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aCloseSendsWhatIsHeldFirst() {
        EmbeddedChannel ch = new EmbeddedChannel(new GatheredWrites());
        ChannelFuture f = ch.write(ascii("last words"));
        ch.close();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("last words");
        out.release();
        assertThat(f.isSuccess()).isTrue();
    }
}
