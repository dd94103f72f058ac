package org.keygate.ims.bfcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BfcpCodecTest {
    static final HexFormat HEX = HexFormat.of();

    /**
     * A FloorRequest for floor 1 written out by hand from RFC 4582 5.1 and 5.2.2: Ver 1 (0x20), primitive 1, payload 1
     * word, conference 0x01020304, transaction 5, user 6; FLOOR-ID type 2 shifted (0x04), length 4, floor 1.
     */
    static final String FLOOR_REQUEST_HEX = "20010001" + "01020304" + "00050006" + "04040001";

    static BfcpMessage floorRequestStatus() {
        return new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST_STATUS, 0x01020304L, 5, 6,
                List.of(BfcpMessages.floorRequestInformation(7, BfcpRequestStatus.GRANTED, 0, List.of(1, 2))));
    }

    @Test
    void handWrittenFloorRequestDecodesAndEncodesBack() {
        byte[] wire = HEX.parseHex(FLOOR_REQUEST_HEX);
        BfcpMessage m = BfcpCodec.decode(wire, BfcpLimits.DEFAULT);
        assertThat(m.primitive()).contains(BfcpPrimitive.FLOOR_REQUEST);
        assertThat(m.conferenceId()).isEqualTo(0x01020304L);
        assertThat(m.transactionId()).isEqualTo(5);
        assertThat(m.userId()).isEqualTo(6);
        assertThat(m.attributes()).containsExactly(BfcpMessages.floorId(1));
        assertThat(HEX.formatHex(BfcpCodec.encode(m))).isEqualTo(FLOOR_REQUEST_HEX);
    }

    @Test
    void floorRequestStatusHasTheGroupedLayoutOfRfc4582() {
        // FLOOR-REQUEST-INFORMATION (15<<1=0x1e) length 4 + OVERALL-REQUEST-STATUS(8) + 2 x FLOOR-REQUEST-STATUS(4) = 20,
        // id 7; OVERALL-REQUEST-STATUS (18<<1=0x24) length 8, id 7, REQUEST-STATUS (0x0a) len 4 Granted(3) queue 0;
        // FLOOR-REQUEST-STATUS (17<<1=0x22) length 4 ids 1 and 2
        assertThat(HEX.formatHex(BfcpCodec.encode(floorRequestStatus())))
                .isEqualTo("20040005" + "01020304" + "00050006" + "1e140007" + "24080007" + "0a040300" + "22040001" + "22040002");
    }

    @Test
    void textAttributesArePaddedAndRoundTrip() {
        BfcpMessage error = new BfcpMessage(BfcpPrimitive.ERROR, 9, 1, 2,
                List.of(BfcpMessages.errorCode(BfcpErrorCode.INVALID_FLOOR_ID), BfcpMessages.errorInfo("no floor 9 \u00e9")));
        byte[] wire = BfcpCodec.encode(error);
        assertThat(wire.length % 4).isZero();
        // ERROR-CODE: 0x0c, length 3, code 6, one octet of padding
        assertThat(HEX.formatHex(wire, 12, 16)).isEqualTo("0c030600");
        assertThat(BfcpCodec.decode(wire, BfcpLimits.DEFAULT)).isEqualTo(error);
        BfcpMessage helloAck = new BfcpMessage(BfcpPrimitive.HELLO_ACK, 9, 1, 2, List.of(
                BfcpMessages.supportedPrimitives(FloorControlServer.SUPPORTED_PRIMITIVES),
                BfcpMessages.supportedAttributes(List.of(BfcpAttributeType.values()))));
        assertThat(BfcpCodec.decode(BfcpCodec.encode(helloAck), BfcpLimits.DEFAULT)).isEqualTo(helloAck);
        assertThat(BfcpCodec.decode(BfcpCodec.encode(floorRequestStatus()), BfcpLimits.DEFAULT)).isEqualTo(floorRequestStatus());
    }

    @Test
    void unknownAttributesAreKeptWithTheirMandatoryBit() {
        byte[] wire = HEX.parseHex("20010002" + "00000001" + "00010001" + "04040001" + "f5030100");
        BfcpMessage m = BfcpCodec.decode(wire, BfcpLimits.DEFAULT);
        assertThat(m.attributes().get(1)).isEqualTo(new BfcpAttribute.Unknown(0x7a, true, new byte[] {1}));
        assertThat(BfcpCodec.encode(m)).isEqualTo(wire);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            version 2                        | 40010001010203040005000604040001   | UNSUPPORTED_VERSION
            payload length too long          | 20010002010203040005000604040001   | UNABLE_TO_PARSE_MESSAGE
            FLOOR-ID length 5                | 20010001010203040005000604050001   | UNABLE_TO_PARSE_MESSAGE
            attribute length 1               | 20010001010203040005000604010001   | UNABLE_TO_PARSE_MESSAGE
            attribute past the payload       | 20010001010203040005000610080001   | UNABLE_TO_PARSE_MESSAGE
            grouped length not aligned       | 2004000201020304000500061e06000700000000 | UNABLE_TO_PARSE_MESSAGE
            grouped member past its group    | 2004000301020304000500061e0400070a040300000000 | UNABLE_TO_PARSE_MESSAGE
            ERROR-CODE without code          | 200d000101020304000500060c020000   | UNABLE_TO_PARSE_MESSAGE
            """)
    void malformedMessagesAreRefusedWithACode(String rule, String hex, BfcpErrorCode code) {
        byte[] wire = HEX.parseHex(hex);
        assertThatThrownBy(() -> BfcpCodec.decode(wire, BfcpLimits.DEFAULT)).as(rule)
                .isInstanceOfSatisfying(BfcpParseException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void nestingAndCountLimitsHold() {
        // FLOOR-REQUEST-INFORMATION > OVERALL-REQUEST-STATUS > FLOOR-REQUEST-INFORMATION: three levels
        BfcpAttribute inner = new BfcpAttribute.Grouped(BfcpAttributeType.FLOOR_REQUEST_INFORMATION, 1, List.of());
        BfcpAttribute middle = new BfcpAttribute.Grouped(BfcpAttributeType.OVERALL_REQUEST_STATUS, 1, List.of(inner));
        BfcpAttribute outer = new BfcpAttribute.Grouped(BfcpAttributeType.FLOOR_REQUEST_INFORMATION, 1, List.of(middle));
        byte[] deep = BfcpCodec.encode(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST_STATUS, 1, 1, 1, List.of(outer)));
        assertThatThrownBy(() -> BfcpCodec.decode(deep, BfcpLimits.DEFAULT)).hasMessageContaining("nested deeper");
        List<BfcpAttribute> many = new ArrayList<>();
        for (int i = 0; i < BfcpLimits.DEFAULT_MAX_ATTRIBUTES + 1; i++) {
            many.add(BfcpMessages.floorId(i));
        }
        byte[] crowded = BfcpCodec.encode(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 1, 1, 1, many));
        assertThatThrownBy(() -> BfcpCodec.decode(crowded, BfcpLimits.DEFAULT)).hasMessageContaining("more than 128 attributes");
    }

    private static List<Object> decodeSplit(byte[] wire, int split) {
        EmbeddedChannel ch = new EmbeddedChannel(new BfcpDecoder(BfcpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void decoderFramesAtEverySplitPoint() {
        byte[] a = HEX.parseHex(FLOOR_REQUEST_HEX);
        byte[] b = BfcpCodec.encode(floorRequestStatus());
        byte[] wire = new byte[a.length + b.length];
        System.arraycopy(a, 0, wire, 0, a.length);
        System.arraycopy(b, 0, wire, a.length, b.length);
        for (int split = 0; split <= wire.length; split++) {
            assertThat(decodeSplit(wire, split)).as("split %d", split)
                    .containsExactly(BfcpCodec.decode(a, BfcpLimits.DEFAULT), floorRequestStatus());
        }
    }

    @Test
    void aMalformedMessageDoesNotStopTheNextOneButAWrongVersionStopsEverything() {
        byte[] bad = HEX.parseHex("20010001010203040005000604050001");
        byte[] good = HEX.parseHex(FLOOR_REQUEST_HEX);
        EmbeddedChannel ch = new EmbeddedChannel(new BfcpDecoder(BfcpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(bad), Unpooled.wrappedBuffer(good));
        BfcpDecodeFailure failure = ch.readInbound();
        assertThat(failure.fatal()).isFalse();
        BfcpMessage reply = failure.errorReply();
        assertThat(reply.transactionId()).isEqualTo(5);
        assertThat(reply.userId()).isEqualTo(6);
        assertThat((Object) ch.readInbound()).isInstanceOf(BfcpMessage.class);
        ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("40010001010203040005000604040001")), Unpooled.wrappedBuffer(good));
        BfcpDecodeFailure fatal = ch.readInbound();
        assertThat(fatal.fatal()).isTrue();
        assertThat(fatal.errorCode()).isEqualTo(BfcpErrorCode.UNSUPPORTED_VERSION);
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedMessageIsRefusedFromItsHeader() {
        EmbeddedChannel ch = new EmbeddedChannel(new BfcpDecoder(BfcpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("2001ffff010203040005000600000000")));
        BfcpDecodeFailure fatal = ch.readInbound();
        assertThat(fatal.fatal()).isTrue();
        assertThat(fatal.reason()).contains("over 4096");
        ch.finishAndReleaseAll();
    }
}
