package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link MsrpDecoder} (docs/SECURITY.md), the framing an MRFP reads from every UE's TLS
 * connection. Contract: the decoder passes on {@link MsrpMessage}s or one {@link MsrpDecodeFailure} and nothing else;
 * it gives the same results whether the stream arrives at once or one octet at a time (RFC 4975 framing does not
 * depend on TCP segments); every message it passes on re-encodes to a stream that decodes to the same message; the
 * channel raises no exception; allocation stays bounded. Corpus: RFC 4975 clause 11 and figure 3 exchanges.
 */
class MsrpDecodeFuzzTarget {
    /** Small limits so that the fuzzer reaches them with inputs of a few kilobytes. */
    private static final MsrpLimits LIMITS = new MsrpLimits(256, 8, 2048);

    @FuzzTest
    void decode(byte[] input) {
        AllocationBound.within(input.length, () -> {
            List<String> whole = decodeAll(List.of(input));
            List<byte[]> octets = new ArrayList<>(input.length);
            for (byte b : input) {
                octets.add(new byte[] {b});
            }
            assertThat(decodeAll(octets)).isEqualTo(whole);
        });
    }

    /** The outcomes of one connection that receives {@code segments}: each message's encoding, or the failure. */
    private static List<String> decodeAll(List<byte[]> segments) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(LIMITS));
        for (byte[] s : segments) {
            ch.writeInbound(Unpooled.wrappedBuffer(s));
        }
        List<String> outcomes = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            assertThat(o).isInstanceOfAny(MsrpMessage.class, MsrpDecodeFailure.class);
            if (o instanceof MsrpMessage m) {
                byte[] encoded = MsrpEncoder.encode(m);
                assertThat(reDecode(encoded)).isEqualTo(m);
                outcomes.add(HexFormat.of().formatHex(encoded));
            } else {
                outcomes.add(o.toString());
            }
        }
        ch.checkException();
        ch.finishAndReleaseAll();
        return outcomes;
    }

    private static MsrpMessage reDecode(byte[] encoded) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(encoded));
        Object o = ch.readInbound();
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
        return (MsrpMessage) o;
    }
}
