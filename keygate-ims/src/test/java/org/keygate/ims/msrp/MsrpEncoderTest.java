package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the encoder puts on a connection, whether it writes a body into its buffer or passes a large one on. */
class MsrpEncoderTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024, 4095, 4096, 4097, 32 * 1024})
    void aSendOnTheWireIsRfc4975SectionNineOctetForOctet(int bodyLength) {
        byte[] body = new byte[bodyLength];
        Arrays.fill(body, (byte) 'q');
        MsrpRequest send = new MsrpRequest("a786hjs2", "SEND",
                List.of(MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp")),
                List.of(MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp")),
                List.of(new MsrpHeader("Message-ID", "87652491"),
                        new MsrpHeader("Byte-Range", "1-" + bodyLength + "/" + bodyLength)),
                Optional.of("text/plain"), body, Continuation.END);
        // RFC 4975 9 and the shape of its 11.1 example, written out here rather than by the encoder
        String expected = "MSRP a786hjs2 SEND\r\n"
                + "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 87652491\r\n"
                + "Byte-Range: 1-" + bodyLength + "/" + bodyLength + "\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "q".repeat(bodyLength) + "\r\n"
                + "-------a786hjs2$\r\n";

        EmbeddedChannel ch = new EmbeddedChannel(new MsrpEncoder());
        assertThat(ch.writeOutbound(send)).isTrue();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] octets = new byte[b.readableBytes()];
            b.readBytes(octets);
            b.release();
            wire.writeBytes(octets);
        }
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo(expected);
        assertThat(MsrpEncoder.encode(send)).isEqualTo(expected.getBytes(StandardCharsets.US_ASCII));
        assertThat(ch.finish()).isFalse();
    }
}
