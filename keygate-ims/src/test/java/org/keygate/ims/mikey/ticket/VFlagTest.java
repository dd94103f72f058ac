package org.keygate.ims.mikey.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.MikeyException;

/**
 * The V bit of every message of the three exchanges, read from the wire: octet 3 of the HDR payload, its top bit
 * (RFC 3830 6.1: version 8 bits, data type 8 bits, next payload 8 bits, V 1 bit, PRF func 7 bits). Expected values
 * are the message clauses of RFC 6043 section 4, quoted beside each assertion; RFC 6043 6.1 says otherwise for the
 * initial messages (docs/IMS-MIKEY.md, "The V flag"), and every receiver ignores the bit.
 */
class VFlagTest {
    private final TicketLab lab = new TicketLab();

    @Test
    void eachMessageCarriesTheVBitItsRfc6043ClauseAsksFor() throws MikeyException {
        PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer requestResp = lab.kms.ticketRequest(request.requestInit(), Set.of("mrfc.ims.example.org"));
        assertThat(requestResp.ok()).isTrue();
        IssuedTicket issued = request.complete(requestResp.mikey());
        assertThat(issued.ticket().policy().flags().f()).as("the KMS's tickets ask for a TRANSFER_RESP").isTrue();
        PendingTransfer transfer = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(transfer.transferInit());
        PendingTicketResolve resolve = PendingTicketResolve.start(lab.alice, received.ticket(), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer resolveResp = lab.kms.ticketResolve(resolve.resolveInit(), Set.of("alice.ims.example.org"));
        assertThat(resolveResp.ok()).isTrue();
        byte[] transferResp = received.respond(resolve.complete(resolveResp.mikey())).transferResp();

        // 4.2.1.1: "The V flag MUST be set to '1' but SHALL be ignored by the KMS as a response is MANDATORY."
        assertThat(vBit(request.requestInit())).isEqualTo(1);
        // 4.2.1.5: "It SHALL be set to '0' by the KMS and ignored by the Initiator."
        assertThat(vBit(requestResp.mikey())).isEqualTo(0);
        // 4.2.2.1: "The value of the V flag SHALL agree with the F flag in the Ticket Policy."
        assertThat(vBit(transfer.transferInit())).isEqualTo(1);
        // 4.2.2.3: "It SHALL be set to '0' by the Responder and ignored by the Initiator."
        assertThat(vBit(transferResp)).isEqualTo(0);
        // 4.2.3.1: "The V flag MUST be set to '1' but SHALL be ignored by the KMS as a response is MANDATORY."
        assertThat(vBit(resolve.resolveInit())).isEqualTo(1);
        // 4.2.3.5: "It SHALL be set to '0' by the KMS and ignored by the Responder."
        assertThat(vBit(resolveResp.mikey())).isEqualTo(0);
    }

    @Test
    void errorMessagesCarryVZero() {
        PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        // the MRFC's request over Alice's TLS certificate: Auth failure, answered by an Error message (5.4)
        KmsAnswer refused = lab.kms.ticketRequest(request.requestInit(), Set.of("alice.ims.example.org"));
        assertThat(refused.ok()).isFalse();
        // RFC 6043 6.1: "It MUST be set to '0' and ignored in all messages except TRANSFER_INIT ..."
        assertThat(vBit(refused.mikey())).isEqualTo(0);
    }

    private static int vBit(byte[] wire) {
        assertThat(wire[0]).as("HDR version").isEqualTo((byte) 1);
        return (wire[3] & 0x80) >>> 7;
    }
}
