package org.keygate.ims.bfcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fuzzed BFCP through the decoder and the floor server: messages or failures, never an exception. */
class BfcpFuzzTest {
    @Test
    void mutatedBfcpGivesMessagesOrFailuresOnly() {
        byte[] valid = BfcpCodec.encode(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST_STATUS, 77, 2, 10,
                List.of(BfcpMessages.floorRequestInformation(3, BfcpRequestStatus.ACCEPTED, 1, List.of(1, 2)),
                        BfcpMessages.statusInfo("queued"))));
        Random random = new Random(4582);
        int messages = 0;
        int failures = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] m = valid.clone();
            for (int e = random.nextInt(4); e >= 0; e--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            FloorControlServer<String> server = new FloorControlServer<>(77, Set.of(1, 2), Set.of(10));
            EmbeddedChannel ch = new EmbeddedChannel(new BfcpDecoder(BfcpLimits.DEFAULT));
            ch.writeInbound(Unpooled.wrappedBuffer(m, 0, random.nextInt(4) == 0 ? random.nextInt(m.length) : m.length));
            for (Object o; (o = ch.readInbound()) != null; ) {
                assertThat(o).isInstanceOfAny(BfcpMessage.class, BfcpDecodeFailure.class);
                if (o instanceof BfcpMessage message) {
                    assertThat(server.receive("ue", message)).isNotEmpty();
                    messages++;
                } else {
                    BfcpCodec.encode(((BfcpDecodeFailure) o).errorReply());
                    failures++;
                }
            }
            ch.finishAndReleaseAll();
        }
        assertThat(messages).isPositive();
        assertThat(failures).isPositive();
    }
}
