package org.keygate.ims.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.testing.TcpPcap;
import org.keygate.ims.testing.Tshark;

/** tshark's MSRP dissector reads what keygate's encoder and relay write, field by field, without complaint. */
class MsrpTsharkInteropTest {
    @Test
    void tsharkReadsKeygatesMessages(@TempDir Path dir) throws Exception {
        MsrpUri relayA = MsrpUri.secure("127.0.0.2:2855", "relayA");
        MsrpUri alice = MsrpUri.secure("127.0.0.1:40001", "alice1");
        ChatRelay<String> relay = new ChatRelay<>(List.of(new ChatParticipant("alice", relayA, alice)),
                ChatRelayLimits.DEFAULT, new MsrpIdents());
        List<MsrpRequest> chunks = new MsrpChunker(new MsrpIdents(), 8).chunks(relayA, alice, "chat0001",
                "text/plain", "Hello from keygate".getBytes(StandardCharsets.UTF_8),
                List.of(new MsrpHeader("Success-Report", "yes")));
        TcpPcap pcap = new TcpPcap(40001, 2855);
        for (MsrpRequest c : chunks) {
            pcap.fromClient(MsrpEncoder.encode(c));
            for (MsrpDelivery<String> d : relay.receive("alice", c)) {
                pcap.fromServer(MsrpEncoder.encode(d.message()));
            }
        }
        Path capture = pcap.write(dir.resolve("msrp.pcap"));
        String decodeAs = "tcp.port==2855,msrp";
        Tshark.assertClean(capture, decodeAs);
        String fields = Tshark.run(capture, "-d", decodeAs, "-Y", "msrp", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                "-e", "msrp.transaction.id", "-e", "msrp.method", "-e", "msrp.status.code", "-e", "msrp.byte.range",
                "-e", "msrp.cnt.flg", "-e", "msrp.status");
        List<String> lines = fields.strip().lines().toList();
        // three chunks, three 200s, one Success-Report REPORT
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo(chunks.get(0).transactionId() + "|SEND||1-8/18|+|");
        assertThat(lines.get(1)).isEqualTo(chunks.get(0).transactionId() + "||200||$|");
        assertThat(lines.get(4)).isEqualTo(chunks.get(2).transactionId() + "|SEND||17-18/18|$|");
        assertThat(lines.get(6)).matches("[a-z2-7]{16}\\|REPORT\\|\\|1-18/18\\|\\$\\|000 200 OK");
    }
}
