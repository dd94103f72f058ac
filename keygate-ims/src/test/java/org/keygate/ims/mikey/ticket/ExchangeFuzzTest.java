package org.keygate.ims.mikey.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.slf4j.LoggerFactory;

/**
 * Mutated and truncated exchange messages (fixed seeds, bounded iterations) against the KMS, the responder and
 * the initiator: every outcome is an answer or a {@link MikeyException}, the KMS answers each with a decodable
 * MIKEY message and keeps serving, and no error text or log line carries key octets.
 */
class ExchangeFuzzTest {
    private static final int ITERATIONS = 1500;
    private final TicketLab lab = new TicketLab();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> errorTexts = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(KmsService.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(KmsService.class)).detachAppender(logs);
    }

    @Test
    void mutatedMessagesOfAllThreeExchanges() throws MikeyException {
        Random random = new Random(6043);
        PendingTicketRequest request = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer granted = lab.kms.ticketRequest(request.requestInit(), Set.of("mrfc.ims.example.org"));
        IssuedTicket issued = request.complete(granted.mikey());
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        PendingTicketResolve resolve = PendingTicketResolve.start(lab.alice, issued.ticket(), lab.clock,
                TicketLab.SKEW, lab.random);
        TransferResponder alice = lab.responder(TicketLab.ALICE);
        RespondedTransfer responded = alice.receive(pending.transferInit()).respond(issued.keys());

        for (int i = 0; i < ITERATIONS; i++) {
            kms(() -> lab.kms.ticketRequest(mutate(request.requestInit(), random), Set.of("mrfc.ims.example.org")));
            kms(() -> lab.kms.ticketResolve(mutate(resolve.resolveInit(), random), Set.of("alice.ims.example.org")));
            typed(() -> alice.receive(mutate(pending.transferInit(), random)).respond(issued.keys()));
            typed(() -> request.complete(mutate(granted.mikey(), random)));
            typed(() -> TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock, TicketLab.SKEW,
                    lab.random).complete(mutate(responded.transferResp(), random)));
            typed(() -> BaseTicket.resolve(new org.keygate.ims.mikey.Ticket(issued.ticket().policy(),
                    org.keygate.ims.mikey.Octets.of(mutate(issued.ticket().ticketData().toByteArray(), random)),
                    issued.ticket().initiatorData()), id -> java.util.Optional.of(lab.mrfcTpk)));
        }
        List<String> secrets = List.of(hex(issued.keys().tgk()), hex(issued.keys().mpki()), hex(lab.mrfc.psk()),
                hex(lab.alice.psk()), hex(responded.session().tek()));
        List<String> texts = new ArrayList<>(errorTexts);
        logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
        assertThat(texts).hasSizeGreaterThan(ITERATIONS);
        for (String t : texts) {
            for (String s : secrets) {
                assertThat(t).doesNotContain(s.substring(0, 12));
            }
        }
        // Still serving after all that.
        PendingTicketRequest again = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        assertThat(lab.kms.ticketRequest(again.requestInit(), Set.of("mrfc.ims.example.org")).ok()).isTrue();
    }

    private void kms(java.util.function.Supplier<KmsAnswer> call) {
        KmsAnswer a;
        try {
            a = call.get();
        } catch (RuntimeException e) {
            fail("the KMS threw " + e, e);
            return;
        }
        try {
            DataType t = MikeyCodec.decode(a.mikey()).dataType();
            assertThat(a.ok() ? t != DataType.ERROR : t == DataType.ERROR).isTrue();
        } catch (MikeyException e) {
            fail("the KMS answered an undecodable message: " + e.getMessage());
        }
    }

    interface Call {
        void run() throws MikeyException;
    }

    private void typed(Call call) {
        try {
            call.run();
        } catch (MikeyException e) {
            errorTexts.add(e.getMessage());
        } catch (RuntimeException e) {
            fail("untyped " + e, e);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        return org.keygate.ims.mikey.MikeyFuzzAccess.mutate(seed, random);
    }

    private static String hex(SecretBytes s) {
        return HexFormat.of().formatHex(s.toByteArray(InsecureSecretAccess.get()));
    }
}
