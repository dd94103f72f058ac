package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsrpDecoderTest {
    /** RFC 4975 11.1, steps 4 and 5 (a SEND and its 200), as one byte stream. */
    static final String RFC4975_11_1 = """
            MSRP d93kswow SEND\r
            To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r
            From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r
            Message-ID: 12339sdqwer\r
            Byte-Range: 1-16/16\r
            Content-Type: text/plain\r
            \r
            Hi, I'm Alice!\r
            -------d93kswow$\r
            MSRP d93kswow 200 OK\r
            To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r
            From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r
            -------d93kswow$\r
            """;

    /** RFC 4975 5.1 Figure 3: the two chunks of one message (To-Path and From-Path added, the figure omits them). */
    static final String RFC4975_FIGURE_3 = """
            MSRP dkei38sd SEND\r
            To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r
            From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r
            Message-ID: 4564dpWd\r
            Byte-Range: 1-*/8\r
            Content-Type: text/plain\r
            \r
            abcd\r
            -------dkei38sd+\r
            MSRP dkei38ia SEND\r
            To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r
            From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r
            Message-ID: 4564dpWd\r
            Byte-Range: 5-8/8\r
            Content-Type: text/plain\r
            \r
            EFGH\r
            -------dkei38ia$\r
            """;

    private static List<Object> decode(byte[] wire, int... splits) {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        int from = 0;
        for (int split : splits) {
            ch.writeInbound(Unpooled.wrappedBuffer(wire, from, split - from));
            from = split;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(wire, from, wire.length - from));
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    private static List<Object> decode(String wire) {
        return decode(wire.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfcExchangeDecodesToRequestAndResponse() {
        List<Object> out = decode(RFC4975_11_1);
        assertThat(out).hasSize(2);
        MsrpRequest send = (MsrpRequest) out.get(0);
        assertThat(send.method()).isEqualTo("SEND");
        assertThat(send.transactionId()).isEqualTo("d93kswow");
        assertThat(send.toPath()).containsExactly(MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp"));
        assertThat(send.toPath().getFirst().sessionId()).isEqualTo("9di4eae923wzd");
        assertThat(send.header("message-id")).contains("12339sdqwer");
        assertThat(send.byteRange()).isEqualTo(new ByteRange(1, 16, 16));
        assertThat(send.contentType()).contains("text/plain");
        assertThat(new String(send.body(), StandardCharsets.UTF_8)).isEqualTo("Hi, I'm Alice!");
        assertThat(send.continuation()).isEqualTo(Continuation.END);
        MsrpResponse ok = (MsrpResponse) out.get(1);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.comment()).contains("OK");
        assertThat(ok.fromPath().getFirst().authority()).isEqualTo("bob.example.com:8888");
    }

    @Test
    void everySplitPointGivesTheSameMessages() {
        byte[] wire = (RFC4975_11_1 + RFC4975_FIGURE_3).getBytes(StandardCharsets.UTF_8);
        List<Object> whole = decode(wire);
        assertThat(whole).hasSize(4);
        for (int split = 1; split < wire.length; split++) {
            assertThat(decode(wire, split)).as("split at %d", split).isEqualTo(whole);
        }
        for (int split = 1; split + 7 < wire.length; split += 3) {
            assertThat(decode(wire, split, split + 7)).as("splits at %d, %d", split, split + 7).isEqualTo(whole);
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] wire = RFC4975_FIGURE_3.getBytes(StandardCharsets.UTF_8);
        int[] splits = new int[wire.length - 1];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = i + 1;
        }
        List<Object> out = decode(wire, splits);
        assertThat(out).hasSize(2);
        assertThat(((MsrpRequest) out.get(0)).continuation()).isEqualTo(Continuation.MORE);
        assertThat(((MsrpRequest) out.get(0)).byteRange()).isEqualTo(new ByteRange(1, ByteRange.UNKNOWN, 8));
        assertThat(new String(((MsrpRequest) out.get(1)).body(), StandardCharsets.US_ASCII)).isEqualTo("EFGH");
    }

    @Test
    void encoderWritesWhatTheDecoderReads() {
        MsrpUri a = MsrpUri.secure("127.0.0.1:2855", "s1");
        MsrpUri b = MsrpUri.secure("127.0.0.1:2856", "s2");
        byte[] body = "line one\r\n-------notTheTid$\r\nand \u00e9".getBytes(StandardCharsets.UTF_8);
        MsrpRequest send = new MsrpRequest("tid12345", "SEND", List.of(a), List.of(b),
                List.of(new MsrpHeader("Message-ID", "m1234"), new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length),
                        new MsrpHeader("X-Ext", "value \u00e9")),
                Optional.of("text/plain;charset=utf-8"), body, Continuation.END);
        MsrpRequest empty = new MsrpRequest("tid67890", "SEND", List.of(a), List.of(b),
                List.of(new MsrpHeader("Message-ID", "m5678"), new MsrpHeader("Byte-Range", "1-0/0")),
                Optional.empty(), new byte[0], Continuation.END);
        MsrpRequest emptyWithType = new MsrpRequest("tid67891", "SEND", List.of(a), List.of(b),
                List.of(new MsrpHeader("Message-ID", "m5679")), Optional.of("text/plain"), new byte[0], Continuation.END);
        MsrpResponse ok = MsrpResponse.to(send, MsrpStatus.OK);
        for (MsrpMessage m : List.of(send, empty, emptyWithType, ok)) {
            assertThat(decode(MsrpEncoder.encode(m))).containsExactly(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not MSRP                    | HTTP/1.1 200 OK\\r\\n
            short transaction id        | MSRP abc SEND\\r\\n
            lowercase method            | MSRP abcd1234 send\\r\\n
            no method                   | MSRP abcd1234\\r\\n
            bare LF                     | MSRP abcd1234 SEND\\n
            To-Path not first           | MSRP abcd1234 SEND\\r\\nFrom-Path: msrp://a.example:1/x;tcp\\r\\n
            bad URI                     | MSRP abcd1234 SEND\\r\\nTo-Path: http://a.example/x\\r\\n
            URI without transport       | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x\\r\\n
            header without space        | MSRP abcd1234 SEND\\r\\nTo-Path:msrp://a.example:1/x;tcp\\r\\n
            wrong end-line              | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\n-------abcd1235$\\r\\n
            end-line bad flag           | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\n-------abcd1234!\\r\\n
            missing From-Path           | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\n-------abcd1234$\\r\\n
            bad Byte-Range              | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nByte-Range: 0-3/3\\r\\n
            huge Byte-Range             | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nByte-Range: 1-99999999999999999999/*\\r\\n
            bad Success-Report          | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nSuccess-Report: maybe\\r\\n
            bad Status                  | MSRP abcd1234 REPORT\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nStatus: 200\\r\\n
            repeated Message-ID         | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nMessage-ID: abcd\\r\\nMessage-ID: abce\\r\\n
            body without Content-Type   | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\n\\r\\nhi\\r\\n-------abcd1234$\\r\\n
            header after Content-Type   | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nContent-Type: text/plain\\r\\nMessage-ID: abcd\\r\\n
            response with body          | MSRP abcd1234 200 OK\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\n\\r\\n
            response continued          | MSRP abcd1234 200 OK\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\n-------abcd1234+\\r\\n
            end-line marker in body     | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nContent-Type: text/plain\\r\\n\\r\\nx\\r\\n-------abcd1234 sneaky\\r\\n
            control character in value  | MSRP abcd1234 SEND\\r\\nTo-Path: msrp://a.example:1/x;tcp\\r\\nFrom-Path: msrp://b.example:1/y;tcp\\r\\nX-A: a\\u0001b\\r\\n
            """)
    void malformedInputGivesOneFailureAndNothingElse(String rule, String escaped) {
        String wire = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001")
                + "MSRP okok1234 SEND\r\nTo-Path: msrp://a.example:1/x;tcp\r\nFrom-Path: msrp://b.example:1/y;tcp\r\n-------okok1234$\r\n";
        List<Object> out = decode(wire);
        assertThat(out).as(rule).hasSize(1);
        assertThat(out.getFirst()).isInstanceOf(MsrpDecodeFailure.class);
        MsrpDecodeFailure failure = (MsrpDecodeFailure) out.getFirst();
        assertThat(failure.status()).isEqualTo(MsrpStatus.BAD_REQUEST);
        assertThat(failure.reason()).doesNotContain("sneaky").doesNotContain("a.example");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] wire = "MSRP abcd1234 SEND\r\nTo-Path: msrp://a.example:1/x;tcp\r\nFrom-Path: msrp://b.example:1/y;tcp\r\nX-A: \u00ff\u00fe\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decode(wire)).singleElement().isInstanceOfSatisfying(MsrpDecodeFailure.class,
                f -> assertThat(f.reason()).contains("UTF-8"));
    }

    @Test
    void overlongLineIsRefusedBeforeItEnds() {
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(MsrpLimits.DEFAULT));
        ch.writeInbound(Unpooled.wrappedBuffer(("MSRP abcd1234 SEND\r\nX-Long: " + "a".repeat(MsrpLimits.DEFAULT_MAX_LINE_BYTES))
                .getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) ch.readInbound()).isInstanceOfSatisfying(MsrpDecodeFailure.class,
                f -> assertThat(f.reason()).contains("line longer"));
        ch.writeInbound(Unpooled.wrappedBuffer("more\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void tooManyHeadersAreRefused() {
        StringBuilder wire = new StringBuilder("MSRP abcd1234 SEND\r\nTo-Path: msrp://a.example:1/x;tcp\r\nFrom-Path: msrp://b.example:1/y;tcp\r\n");
        for (int i = 0; i < MsrpLimits.DEFAULT_MAX_HEADERS; i++) {
            wire.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(decode(wire.toString())).singleElement().isInstanceOfSatisfying(MsrpDecodeFailure.class,
                f -> assertThat(f.reason()).contains("header lines"));
    }

    @Test
    void oversizedChunkGets413WithTheTransaction() {
        MsrpLimits limits = new MsrpLimits(1024, 8, 4096);
        EmbeddedChannel ch = new EmbeddedChannel(new MsrpDecoder(limits));
        ch.writeInbound(Unpooled.wrappedBuffer(("MSRP abcd1234 SEND\r\nTo-Path: msrp://a.example:1/x;tcp\r\n"
                + "From-Path: msrp://b.example:1/y;tcp\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[5000]));
        MsrpDecodeFailure failure = ch.readInbound();
        assertThat(failure.status()).isEqualTo(MsrpStatus.STOP_SENDING);
        MsrpResponse response = failure.response().orElseThrow();
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.transactionId()).isEqualTo("abcd1234");
        assertThat(response.toPath()).containsExactly(MsrpUri.parse("msrp://b.example:1/y;tcp"));
        ch.finishAndReleaseAll();
    }

    @Test
    void limitsRefuseOutOfRangeValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MsrpLimits(1024, 8, 100))
                .hasMessageContaining("maxChunkBodyBytes: 100");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MsrpLimits(0, 8, 4096))
                .hasMessageContaining("maxLineBytes: 0");
    }

    @Test
    void encoderRefusesABodyHoldingItsEndLine() {
        MsrpUri a = MsrpUri.secure("127.0.0.1:2855", "s1");
        MsrpRequest bad = new MsrpRequest("tid12345", "SEND", List.of(a), List.of(a), List.of(),
                Optional.of("text/plain"), "x\r\n-------tid12345$\r\n".getBytes(StandardCharsets.US_ASCII), Continuation.END);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MsrpEncoder.encode(bad))
                .hasMessageContaining("end-line");
    }

    @Test
    void toStringHidesTheBody() {
        MsrpUri a = MsrpUri.secure("127.0.0.1:2855", "s1");
        MsrpRequest send = new MsrpRequest("tid12345", "SEND", List.of(a), List.of(a), List.of(),
                Optional.of("text/plain"), "secret plans".getBytes(StandardCharsets.US_ASCII), Continuation.END);
        assertThat(send.toString()).doesNotContain("secret").contains("12 octets");
    }
}
