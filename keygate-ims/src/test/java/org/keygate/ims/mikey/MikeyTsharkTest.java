package org.keygate.ims.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's MIKEY dissector (an implementation nobody here wrote) reads keygate's encodings: no malformed
 * packet, and the payloads and field values it knows appear as sent. tshark 4.0 (Debian 12) knows the RFC 3830
 * payloads and IDR, but neither the GENERIC-ID map nor TR, RANDR, TP and TICKET: it stops (without an error) at
 * the first payload it does not know, so each message is checked as far as the dissector can go (for a
 * GENERIC-ID map, the HDR up to the map type).
 */
class MikeyTsharkTest {
    @TempDir
    Path dir;

    @Test
    void rfc3830PayloadsDissectWithTheirValues() throws Exception {
        String out = dissect(MikeyFixtures.rfc3830Only());
        assertThat(out).contains("Common Header (HDR)", "Timestamp (T)", "RAND", "ID URI", "Security Policy (SP)",
                        "General Extension (EXT)", "Key Data Transport (KEMAC)")
                .contains("CSB ID: 0xcafebabe", "SSRC: 0x11223344", "ID: sip:alice@ims.example.org",
                        "RAND: 101112131415161718191a1b1c1d1e1f", "Encr alg: AES-CM-128 (1)",
                        "MAC: 707172737475767778797a7b7c7d7e7f80818283", "Next Payload: Last payload (0)");
    }

    @Test
    void resolveRespWithIdrPayloadsDissectsToTheEnd() throws Exception {
        String out = dissect(MikeyFixtures.resolveResp());
        assertThat(out).contains("Data Type: Unknown (18)", "CSB ID: 0x0a0b0c0d", "Timestamp (T)",
                "sip:kms@ims.example.org", "sip:alice@ims.example.org", "Key Data Transport (KEMAC)",
                "Ver msg (V)", "Auth alg: HMAC-SHA-1-160 (1)", "Next Payload: Last payload (0)");
    }

    @Test
    void errorMessageDissects() throws Exception {
        String out = dissect(MikeyFixtures.error());
        assertThat(out).contains("Data Type: Error (6)", "TS type: COUNTER (2)", "Error (ERR)",
                "Error no.: Unknown (14)", "Ver msg (V)");
    }

    @Test
    void ticketMessagesDissectAsFarAsTheDissectorKnows() throws Exception {
        String init = dissect(MikeyFixtures.transferInit());
        assertThat(init).contains("Data Type: Unknown (14)", "CSB ID: 0x12345678", "#CS: 1",
                "CS ID map type: Unknown (2)");
        String request = dissect(MikeyFixtures.requestInit());
        assertThat(request).contains("Data Type: Unknown (11)", "CSB ID: 0x01020304", "#CS: 0",
                "TS type: NTP-UTC (0)", "Next Payload: Unknown (15)");
    }

    private String dissect(MikeyMessage m) throws Exception {
        Path pcap = dir.resolve(m.dataType() + ".pcap");
        UdpPcap.write(pcap, List.of(MikeyCodec.encode(m)));
        String out = TsharkRun.verbose(pcap);
        assertThat(out).as(m.dataType().name()).contains("Multimedia Internet KEYing");
        // Past a GENERIC-ID map (unknown to tshark 4.0) the dissector reads the map info as payloads.
        int unknownMap = out.indexOf("CS ID map type: Unknown (2)");
        String known = unknownMap < 0 ? out : out.substring(0, unknownMap);
        assertThat(known).as(m.dataType().name()).doesNotContain("Malformed").doesNotContain("Expert Info (Error");
        return out;
    }
}
