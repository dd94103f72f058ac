package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 "What must hold": fuzzed MSRP never crashes a node. Random byte edits, truncations and splices of valid
 * messages go through the decoder and the relay: every output is a message or an {@link MsrpDecodeFailure}, nothing is
 * thrown, and the relay answers whatever decodes.
 */
class MsrpFuzzTest {
    @Test
    void mutatedMsrpGivesMessagesOrFailuresOnly() {
        byte[] valid = (MsrpDecoderTest.RFC4975_11_1 + MsrpDecoderTest.RFC4975_FIGURE_3).getBytes(StandardCharsets.UTF_8);
        MsrpUri bob = MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp");
        MsrpUri alice = MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp");
        Random random = new Random(4975);
        int failures = 0;
        int messages = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] m = valid.clone();
            for (int e = random.nextInt(6); e >= 0; e--) {
                m[random.nextInt(m.length)] = (byte) (random.nextBoolean() ? random.nextInt(256) : "\r\n-$+#:/ "
                        .charAt(random.nextInt(9)));
            }
            int length = random.nextInt(5) == 0 ? random.nextInt(m.length) : m.length;
            ChatRelay<String> relay = new ChatRelay<>(List.of(new ChatParticipant("alice", bob, alice)),
                    ChatRelayLimits.DEFAULT, new MsrpIdents());
            EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(new MsrpLimits(256, 8, 2048)));
            int from = 0;
            while (from < length) {
                int n = Math.min(length - from, 1 + random.nextInt(64));
                ch.writeInbound(Unpooled.wrappedBuffer(m, from, n));
                from += n;
            }
            for (Object o; (o = ch.readInbound()) != null; ) {
                assertThat(o).isInstanceOfAny(MsrpMessage.class, MsrpDecodeFailure.class);
                if (o instanceof MsrpMessage message) {
                    relay.receive("alice", message);
                    messages++;
                } else {
                    failures++;
                }
            }
            ch.finishAndReleaseAll();
        }
        // the mutations hit both sides: some messages survive, many are refused
        assertThat(messages).isPositive();
        assertThat(failures).isPositive();
    }
}
