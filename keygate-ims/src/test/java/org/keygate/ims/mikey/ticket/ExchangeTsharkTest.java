package org.keygate.ims.mikey.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.TsharkRun;
import org.keygate.ims.mikey.UdpPcap;

/**
 * The messages of a real run of all three exchanges (and an Error message), one UDP packet each, through
 * tshark's MIKEY dissector: each message's data type and CSB ID as sent, and no malformed packet wherever the
 * dissector knows the format. tshark 4.0 does not know RFC 6043's GENERIC-ID map: it takes the map info of
 * TRANSFER_INIT and TRANSFER_RESP as empty and reads the crypto-session block as payloads, which can end in a
 * "Malformed" of its own making; for those two messages the check covers the HDR up to the map type.
 */
class ExchangeTsharkTest {
    @TempDir
    Path dir;

    @Test
    void everyExchangeMessageDissectsWithoutMalformedPackets() throws Exception {
        TicketLab lab = new TicketLab();
        List<byte[]> messages = new ArrayList<>();
        PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer granted = lab.kms.ticketRequest(request.requestInit(), Set.of("mrfc.ims.example.org"));
        IssuedTicket issued = request.complete(granted.mikey());
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        PendingTicketResolve resolve = PendingTicketResolve.start(lab.alice, received.ticket(), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer resolved = lab.kms.ticketResolve(resolve.resolveInit(), Set.of("alice.ims.example.org"));
        RespondedTransfer responded = received.respond(resolve.complete(resolved.mikey()));
        messages.add(request.requestInit());
        messages.add(granted.mikey());
        messages.add(pending.transferInit());
        messages.add(resolve.resolveInit());
        messages.add(resolved.mikey());
        messages.add(responded.transferResp());
        messages.add(received.errorAnswer(new MikeyException(ErrorNo.AUTH_FAILURE, "x")));

        Path pcap = dir.resolve("exchanges.pcap");
        UdpPcap.write(pcap, messages);
        String out = TsharkRun.verbose(pcap);
        String[] frames = out.split("(?m)^Frame ");
        assertThat(frames).hasSize(messages.size() + 1);
        int[] dataTypes = {11, 13, 14, 16, 18, 15, 6};
        for (int i = 0; i < messages.size(); i++) {
            String frame = frames[i + 1];
            assertThat(frame).as("frame " + (i + 1)).contains("Multimedia Internet KEYing", "Common Header (HDR)")
                    .containsPattern("Data Type: .*\\(" + dataTypes[i] + "\\)")
                    .contains(String.format("CSB ID: 0x%08x", csbId(messages.get(i))));
            boolean genericIdMap = dataTypes[i] == 14 || dataTypes[i] == 15;
            String known = genericIdMap
                    ? frame.substring(0, frame.indexOf("CS ID map type: Unknown (2)")) : frame;
            assertThat(known).as("frame " + (i + 1)).doesNotContain("Malformed").doesNotContain("Expert Info (Error");
            if (genericIdMap) {
                assertThat(frame).contains("#CS: 1");
            }
        }
        // The Error message is all RFC 3830 payloads: dissected to its end.
        assertThat(frames[7]).contains("Error no.: Authentication failure (0)", "Next Payload: Last payload (0)");
        // The RESOLVE_RESP carries IDR payloads, which tshark knows.
        assertThat(frames[5]).contains("sip:kms@ims.example.org", "sip:alice@ims.example.org",
                "Key Data Transport (KEMAC)");
    }

    private static long csbId(byte[] m) {
        return ((m[4] & 0xFFL) << 24) | ((m[5] & 0xFF) << 16) | ((m[6] & 0xFF) << 8) | (m[7] & 0xFF);
    }
}
