package org.keygate.sbi.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {
    /** The shape of an N1N2MessageTransfer body (TS 29.518 6.1.6.4, TS 29.500 6.1.2.4), written by hand. */
    private static final String WIRE = "--gc0p4Jq0M2Yt08jU534c0p\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"n1MessageContainer\":{\"n1MessageClass\":\"5GMM\",\"n1MessageContent\":{\"contentId\":\"n1msg\"}}}\r\n"
            + "--gc0p4Jq0M2Yt08jU534c0p\r\n"
            + "Content-Type: application/vnd.3gpp.5gnas\r\n"
            + "Content-Id: n1msg\r\n\r\n"
            + "\u007e\u0000\u0042\r\n"
            + "--gc0p4Jq0M2Yt08jU534c0p--\r\n";

    @Test
    void parsesTheJsonRootAndTheBinaryPart() throws Exception {
        MultipartRelated m = MultipartRelated.parse("multipart/related; boundary=gc0p4Jq0M2Yt08jU534c0p",
                WIRE.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.parts()).hasSize(2);
        assertThat(m.parts().get(0).contentType()).contains("application/json");
        assertThat(new String(m.parts().get(0).body(), StandardCharsets.UTF_8)).startsWith("{\"n1MessageContainer\"");
        assertThat(m.parts().get(1).contentId()).contains("n1msg");
        assertThat(m.parts().get(1).body()).containsExactly(0x7e, 0x00, 0x42);
    }

    /**
     * Found by MultipartParseFuzzTarget (corpus file crash-274c704e...): octets outside US-ASCII in a part header were
     * read as U+FFFD and written back as '?', so the part travelled on with another Content-Type than it came with.
     */
    @Test
    void aPartHeaderOutsidePrintableAsciiIsRefused() {
        byte[] wire = WIRE.replace("vnd.3gpp.5gnas", "vnd.3gpp.\u00e95gnas").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MultipartRelated.parse("multipart/related; boundary=gc0p4Jq0M2Yt08jU534c0p", wire))
                .isInstanceOf(MultipartException.class).hasMessageContaining("US-ASCII");
        byte[] controls = WIRE.replace("Content-Id: n1msg", "Content-Id: n1\u0000msg").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MultipartRelated.parse("multipart/related; boundary=gc0p4Jq0M2Yt08jU534c0p", controls))
                .isInstanceOf(MultipartException.class).hasMessageContaining("US-ASCII");
    }

    /**
     * Found by MultipartParseFuzzTarget (corpus file crash-790bd8b3...): a part whose header block ends with the
     * delimiter's CRLF, or an empty part, threw NegativeArraySizeException. Both are parts with no body.
     */
    @Test
    void aPartWithHeadersAndNoBodyOrNothingAtAllIsEmpty() throws Exception {
        String headersOnly = "--b\r\nContent-Id: n1\r\n\r\n--b--\r\n";
        MultipartRelated m = MultipartRelated.parse("multipart/related; boundary=b",
                headersOnly.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.parts()).hasSize(1);
        assertThat(m.parts().getFirst().contentId()).contains("n1");
        assertThat(m.parts().getFirst().body()).isEmpty();
        MultipartRelated empty = MultipartRelated.parse("multipart/related; boundary=b",
                "--b\r\n\r\n--b--".getBytes(StandardCharsets.US_ASCII));
        assertThat(empty.parts()).hasSize(1);
        assertThat(empty.parts().getFirst().headers()).isEmpty();
        assertThat(empty.parts().getFirst().body()).isEmpty();
    }

    @Test
    void encodeThenParseGivesTheSamePartsForRandomBinaryContent() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] binary = new byte[r.nextInt(300)];
            r.nextBytes(binary);
            MultipartRelated m = MultipartRelated.of(List.of(
                    new MimePart(List.of(Map.entry("Content-Type", "application/json")), "{\"a\":1}".getBytes()),
                    new MimePart(List.of(Map.entry("Content-Type", "application/vnd.3gpp.ngap"),
                            Map.entry("Content-Id", "<n2-" + i + ">")), binary)));
            MultipartRelated back = MultipartRelated.parse(m.contentType(), m.encode());
            assertThat(back.parts().get(1).body()).isEqualTo(binary);
            assertThat(back.parts().get(1).contentId()).contains("n2-" + i);
        }
    }

    @Test
    void refusesBrokenBodies() {
        assertThatThrownBy(() -> MultipartRelated.parse("application/json", new byte[0]))
                .isInstanceOf(MultipartException.class);
        assertThatThrownBy(() -> MultipartRelated.parse("multipart/related; boundary=x",
                "--x\r\nContent-Type: a\r\n\r\nunterminated".getBytes())).hasMessageContaining("not closed");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            many.append("--x\r\n\r\np\r\n");
        }
        many.append("--x--\r\n");
        assertThatThrownBy(() -> MultipartRelated.parse("multipart/related; boundary=x", many.toString().getBytes()))
                .hasMessageContaining("more than 16");
    }
}
