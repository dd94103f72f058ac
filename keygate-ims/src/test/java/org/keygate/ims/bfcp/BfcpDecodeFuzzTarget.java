package org.keygate.ims.bfcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link BfcpDecoder} and {@link BfcpCodec#decode} (docs/SECURITY.md), the BFCP framing an
 * MRFP reads from every UE's TLS connection. Contract: {@link BfcpMessage}s or {@link BfcpDecodeFailure}s only, the
 * same whether the stream arrives at once or octet by octet; a message re-encodes to exactly the octets it was
 * decoded from (RFC 4582 5: one encoding per message), a failure's Error reply encodes; allocation stays bounded.
 * Corpus: FloorRequest, FloorRequestStatus, Hello and Error messages of RFC 4582 10-13.
 */
class BfcpDecodeFuzzTarget {
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

    private static List<String> decodeAll(List<byte[]> segments) {
        EmbeddedChannel ch = new EmbeddedChannel(new BfcpDecoder(BfcpLimits.DEFAULT));
        for (byte[] s : segments) {
            ch.writeInbound(Unpooled.wrappedBuffer(s));
        }
        List<String> outcomes = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            assertThat(o).isInstanceOfAny(BfcpMessage.class, BfcpDecodeFailure.class);
            if (o instanceof BfcpMessage m) {
                byte[] encoded = BfcpCodec.encode(m);
                assertThat(BfcpCodec.decode(encoded, BfcpLimits.DEFAULT)).isEqualTo(m);
                outcomes.add(HexFormat.of().formatHex(encoded));
            } else {
                BfcpDecodeFailure f = (BfcpDecodeFailure) o;
                assertThat(BfcpCodec.encode(f.errorReply())).isNotEmpty();
                outcomes.add(f.toString());
            }
        }
        ch.checkException();
        ch.finishAndReleaseAll();
        return outcomes;
    }
}
