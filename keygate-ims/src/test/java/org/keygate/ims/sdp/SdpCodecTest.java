package org.keygate.ims.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpCodecTest {
    static final byte[] MIKEY = {1, 14, 0, 1, 2, 3, 4, 5};

    static SecureMediaSdp offer() {
        return new SecureMediaSdp("mrfc", 42, 1, "127.0.0.1", Optional.of(MIKEY), List.of(
                TcpMedia.msrp("127.0.0.1", 40000, Setup.ACTPASS, "msrps://127.0.0.1:40000/abc123;tcp", List.of("text/plain", "message/cpim")),
                TcpMedia.bfcp("127.0.0.1", 40001, Setup.ACTPASS, "s-only", 77, 10, List.of(1))));
    }

    @Test
    void writtenOffersParseBackThroughJainSdp() {
        String text = SdpCodec.write(offer());
        assertThat(text).contains("m=message 40000 TCP/TLS/MSRP *\r\n", "a=setup:actpass\r\n", "a=connection:new\r\n",
                "a=key-mgmt:mikey AQ4AAQIDBAU=\r\n", "m=application 40001 TCP/TLS/BFCP *\r\n", "a=floorid:1\r\n");
        assertThat(SdpCodec.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(offer());
    }

    /** RFC 4583 10 example offer (the floor server side), reduced to the BFCP media, with TLS and a MIKEY at media level. */
    @Test
    void rfc4583StyleBfcpMediaIsRead() {
        String text = "v=0\r\no=bob 2808844564 2808844564 IN IP4 193.0.2.2\r\ns=-\r\nc=IN IP4 193.0.2.2\r\nt=0 0\r\n"
                + "m=application 50000 TCP/TLS/BFCP *\r\na=setup:passive\r\na=connection:new\r\na=fingerprint:SHA-1 "
                + "4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r\na=floorctrl:s-only\r\na=confid:4321\r\n"
                + "a=userid:1234\r\na=floorid:1 m-stream:10\r\na=floorid:2 m-stream:11\r\na=key-mgmt:mikey AQ4AAQIDBAU=\r\n";
        SecureMediaSdp sdp = SdpCodec.parse(text.getBytes(StandardCharsets.US_ASCII));
        TcpMedia bfcp = sdp.media().getFirst();
        assertThat(bfcp.proto()).isEqualTo(TcpMediaProto.BFCP);
        assertThat(bfcp.setup()).isEqualTo(Setup.PASSIVE);
        assertThat(bfcp.confId()).contains(4321L);
        assertThat(bfcp.userId()).contains(1234);
        assertThat(bfcp.floorIds()).containsExactly(1, 2);
        assertThat(sdp.mikey()).hasValueSatisfying(m -> assertThat(m).containsExactly(MIKEY));
    }

    @Test
    void setupDefaultsToActiveWhenAbsent() {
        String text = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=message 9 TCP/TLS/MSRP *\r\na=path:msrps://10.0.0.1:9/x;tcp\r\n";
        assertThat(SdpCodec.parse(text.getBytes(StandardCharsets.US_ASCII)).media().getFirst().setup()).isEqualTo(Setup.ACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not SDP                     | hello
            RTP media                   | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=audio 4000 RTP/AVP 0\\r\\n
            MSRP without path           | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\n
            bad setup                   | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=setup:sideways\\r\\na=path:msrps://1.2.3.4:4000/x;tcp\\r\\n
            key-mgmt not mikey          | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\na=key-mgmt:kerberos AAAA\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4:4000/x;tcp\\r\\n
            key-mgmt not base64         | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\na=key-mgmt:mikey %%%%\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4:4000/x;tcp\\r\\n
            two key-mgmt                | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\na=key-mgmt:mikey AAAA\\r\\na=key-mgmt:mikey AAAA\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4:4000/x;tcp\\r\\n
            confid not a number         | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=application 4000 TCP/TLS/BFCP *\\r\\na=confid:-5\\r\\n
            no media                    | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\n
            path not an MSRP URI        | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:http://1.2.3.4:4000/x\\r\\n
            path without a port         | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4/x;tcp\\r\\n
            path port over 65535        | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4:70000/x;tcp\\r\\n
            path second URI bad         | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=message 4000 TCP/TLS/MSRP *\\r\\na=path:msrps://1.2.3.4:4000/x;tcp msrps://[::1/y;tcp\\r\\n
            """)
    void badSdpIsOneSdpException(String rule, String escaped) {
        byte[] body = escaped.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SdpCodec.parse(body)).as(rule).isInstanceOf(SdpException.class);
    }

    /**
     * Found by SdpParseFuzzTarget (corpus file crash-661fd9b1...): a=path with a non-ASCII character in place of the
     * ';' was accepted, and the MRFC's MsrpUri.parse of it threw IllegalArgumentException while answering the INVITE.
     */
    @Test
    void aPathThatIsNoMsrpUriIsRefusedAtParse() {
        String text = SdpCodec.write(offer()).replace("abc123;tcp", "abc123\u037etcp");
        assertThatThrownBy(() -> SdpCodec.parse(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SdpException.class).hasMessageContaining("RFC 4975");
    }

    @Test
    void oversizedSdpIsRefusedUnread() {
        assertThatThrownBy(() -> SdpCodec.parse(new byte[SdpCodec.MAX_SDP_OCTETS + 1])).hasMessageContaining("over");
    }

    /** Fuzzing: random mutations of a valid offer give a value or an SdpException, never anything else. */
    @Test
    void mutatedSdpNeverEscapesAsAnotherException() {
        byte[] valid = SdpCodec.write(offer()).getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(4566);
        for (int i = 0; i < 3000; i++) {
            byte[] m = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            int cut = random.nextInt(4) == 0 ? random.nextInt(m.length) : m.length;
            byte[] input = java.util.Arrays.copyOf(m, cut);
            try {
                SdpCodec.parse(input);
            } catch (SdpException expected) {
                assertThat(expected.getMessage()).doesNotContain("AQ4AAQIDBAU");
            }
        }
    }
}
