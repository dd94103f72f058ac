package org.keygate.ims.bfcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.testing.TcpPcap;
import org.keygate.ims.testing.Tshark;

/** tshark's BFCP dissector reads a whole floor-control exchange that keygate's client side and floor server wrote. */
class BfcpTsharkInteropTest {
    static final String DECODE_AS = "tcp.port==5070,bfcp";

    @Test
    void tsharkReadsKeygatesFloorControlExchange(@TempDir Path dir) throws Exception {
        FloorControlServer<String> server = new FloorControlServer<>(77, Set.of(1), Set.of(10, 20));
        TcpPcap pcap = new TcpPcap(40010, 5070);
        List<BfcpMessage> fromClient = List.of(
                new BfcpMessage(BfcpPrimitive.HELLO, 77, 1, 10, List.of()),
                new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 77, 2, 10, List.of(BfcpMessages.floorId(1))),
                new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 77, 3, 10, List.of(BfcpMessages.floorId(5))),
                new BfcpMessage(BfcpPrimitive.FLOOR_RELEASE, 77, 4, 10, List.of(BfcpMessages.floorRequestId(1))));
        for (BfcpMessage m : fromClient) {
            pcap.fromClient(BfcpCodec.encode(m));
            for (BfcpDelivery<String> d : server.receive("ue", m)) {
                pcap.fromServer(BfcpCodec.encode(d.message()));
            }
        }
        Path capture = pcap.write(dir.resolve("bfcp.pcap"));
        Tshark.assertClean(capture, DECODE_AS);
        String fields = Tshark.run(capture, "-d", DECODE_AS, "-Y", "bfcp", "-T", "fields", "-E", "separator=|",
                "-e", "bfcp.primitive", "-e", "bfcp.transaction_id", "-e", "bfcp.user_id", "-e", "bfcp.floor_id",
                "-e", "bfcp.request_status", "-e", "bfcp.error_code");
        assertThat(fields.strip().lines().toList()).containsExactly(
                "11|1|10|||",
                "12|1|10|||",
                "1|2|10|1||",
                "4|2|10|1|3|",
                "1|3|10|5||",
                "13|3|10|||6",
                "2|4|10|||",
                "4|4|10|1|6|");
    }

    @Test
    void theCleanCheckCatchesWhatTsharkCallsMalformed(@TempDir Path dir) throws Exception {
        // a FLOOR-ID attribute cut short inside a message that claims more payload than it has
        Path capture = new TcpPcap(40010, 5070).fromClient(HexFormat.of().parseHex("200100020000004d000100010404"))
                .write(dir.resolve("bad.pcap"));
        assertThatThrownBy(() -> Tshark.assertClean(capture, DECODE_AS)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("malformed or in error");
    }
}
