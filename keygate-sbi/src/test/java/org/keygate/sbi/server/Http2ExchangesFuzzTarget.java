package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of the server's HTTP/2 exchange path (docs/SECURITY.md): the client preface, then the
 * input as frames, into the pipeline {@link SbiServerInitializer#addHttp2} assembles behind TLS for every SBI, N32-c
 * and N32-f listener ({@link Http2Exchanges} on Netty's connection handler), on an {@link EmbeddedChannel}. The
 * handler answers every request with 200 and a JSON body, so requests that get through are answered in frames too.
 * Contract: nothing escapes the pipeline as an exception (Netty's handler turns bad frames into RST_STREAM or GOAWAY,
 * Http2Exchanges into 4xx answers), the
 * answer is bounded by what was asked (no amplification), allocation bounded. Corpus: frames written with Netty's
 * DefaultHttp2FrameWriter: a request in HEADERS and DATA, one split by CONTINUATION, PING, WINDOW_UPDATE, RST_STREAM.
 */
class Http2ExchangesFuzzTarget {
    /** Whatever the input, the server writes at most this much: SETTINGS, answers of a few hundred octets each. */
    private static final int MAX_OUTPUT_PER_INPUT_OCTET = 64;
    private static final int MAX_OUTPUT_FIXED = 64 * 1024;

    private static final AtomicInteger HANDLED = new AtomicInteger();
    /** Built, never started: only its frozen config is used (limits, windows, the handler). */
    private static final SbiServer SERVER = SbiServer.builder().name("fuzz").cleartext()
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .handler((r, c) -> {
                HANDLED.incrementAndGet();
                return CompletableFuture.completedFuture(SbiResponse.json(200, "{\"ok\":true}".getBytes()));
            })
            .build();
    /** The server's own pipeline assembly (the HTTP/2 connection handler), one per listener as in SbiServer. */
    private static final SbiServerInitializer PIPELINE = new SbiServerInitializer(SERVER.config());

    @AfterAll
    static void close() {
        SERVER.close();
    }

    /** The corpus starts where it should: its POST reaches the handler (else the fuzzer would start in the codec). */
    @Test
    void theCorpusRequestReachesTheHandler() throws Exception {
        int before = HANDLED.get();
        try (InputStream in = getClass().getResourceAsStream("Http2ExchangesFuzzTargetInputs/frames/post-headers-data")) {
            exchange(in.readAllBytes());
        }
        assertThat(HANDLED.get()).isEqualTo(before + 1);
    }

    @FuzzTest
    void frames(byte[] input) {
        AllocationBound.within(input.length, () -> exchange(input));
    }

    private static void exchange(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel();
        PIPELINE.addHttp2(ch.pipeline());
        ch.writeInbound(Http2CodecUtil.connectionPrefaceBuf(), Unpooled.wrappedBuffer(input));
        ch.runPendingTasks();
        ch.checkException();
        long written = 0;
        for (ByteBuf out; (out = ch.readOutbound()) != null; ) {
            written += out.readableBytes();
            out.release();
        }
        assertThat(written).isLessThanOrEqualTo(MAX_OUTPUT_FIXED + (long) MAX_OUTPUT_PER_INPUT_OCTET * input.length);
        ch.finishAndReleaseAll();
    }
}
