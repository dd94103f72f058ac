package org.keygate.ims.mikey.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.mikey.MikeyKeyConstant;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.kms.KmsAnswer;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.Ticket;

/** The three exchanges end to end in memory: mode 1 through the KMS, mode 3, and one test per refusal. */
class TicketExchangesTest {
    private final TicketLab lab = new TicketLab();

    @Test
    void modeOneGivesBothSidesTheSameTekDerivedAsRfc6043Says() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        assertThat(received.initiator()).isEqualTo(TicketLab.MRFC);
        TransferKeys resolved = resolveViaKms(lab.alice, received.ticket(), "alice.ims.example.org");
        RespondedTransfer responded = received.respond(resolved);
        EstablishedSession initiatorSide = pending.complete(responded.transferResp());
        EstablishedSession responderSide = responded.session();

        assertThat(initiatorSide.tek().equalsSecret(responderSide.tek())).isTrue();
        assertThat(initiatorSide.tek().length()).isEqualTo(32);
        assertThat(initiatorSide.peerIdentity()).isEqualTo(TicketLab.ALICE);
        assertThat(responderSide.peerIdentity()).isEqualTo(TicketLab.MRFC);
        assertThat(initiatorSide.spi()).isEqualTo(issued.keys().tgkSpi()).isEqualTo(responderSide.spi());
        assertThat(initiatorSide.protType()).isEqualTo(TicketProfile.CS_PROT_TYPE);

        // The TEK recomputed from the wire: PRF(TGK, 0x2AD01C64 || CS ID || 0xFFFFFFFF || 0x03 || RANDRi || RANDRr).
        MikeyMessage init = MikeyCodec.decode(pending.transferInit());
        MikeyMessage resp = MikeyCodec.decode(responded.transferResp());
        byte[] label = MikeyLabel.ticketTgk(1, init.randr(RandRole.RANDRI).orElseThrow().rand().toByteArray(),
                resp.randr(RandRole.RANDRR).orElseThrow().rand().toByteArray()).with(MikeyKeyConstant.TEK);
        SecretBytes expected = TicketProfile.PRF.derive(issued.keys().tgk(), label, 32);
        assertThat(expected.equalsSecret(initiatorSide.tek())).isTrue();
        // The responder got the same TGK from the KMS as the initiator.
        assertThat(resolved.tgk().equalsSecret(issued.keys().tgk())).isTrue();
        assertThat(resolved.mpki().equalsSecret(issued.keys().mpki())).isTrue();
        // Message shapes of RFC 6043 4.2.2 and TS 23.333 6.2.19.2.2.
        assertThat(init.dataType()).isEqualTo(DataType.TRANSFER_INIT);
        assertThat(((CsIdMap.GenericIdMap) init.header().csIdMap()).sessions()).hasSize(1);
        assertThat(resp.dataType()).isEqualTo(DataType.TRANSFER_RESP);
        assertThat(resp.idr(IdRole.IDRR).orElseThrow().data().utf8()).isEqualTo(TicketLab.ALICE);
    }

    @Test
    void theTlsProtTypeIsTheOneBothEndsAgreedOn() throws MikeyException {
        ProtType agreed = new ProtType(7);
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, agreed, lab.clock,
                TicketLab.SKEW, lab.random);
        // RFC 3830 6.1 HDR: 10 octets up to the CS ID map type, then the GENERIC-ID map (RFC 6043 6.1.1): CS ID, Prot type
        assertThat(pending.transferInit()[9]).as("map type GENERIC-ID").isEqualTo((byte) 2);
        assertThat(pending.transferInit()[10]).as("CS ID").isEqualTo((byte) 1);
        assertThat(pending.transferInit()[11]).as("Prot type").isEqualTo((byte) 7);
        // a responder that takes keygate's default (2) refuses it as RFC 3830 Invalid SP
        assertError(() -> lab.responder(TicketLab.ALICE).receive(pending.transferInit()), ErrorNo.INVALID_SP);
        TransferResponder agreeing = new TransferResponder(TicketLab.ALICE, agreed,
                new org.keygate.ims.mikey.MikeyReplayCache(TicketLab.SKEW, 100, lab.clock), lab.clock, lab.random);
        ReceivedTransferInit received = agreeing.receive(pending.transferInit());
        EstablishedSession s = pending.complete(received.respond(resolveViaKms(lab.alice, received.ticket(),
                "alice.ims.example.org")).transferResp());
        assertThat(s.protType()).isEqualTo(agreed);
    }

    @Test
    void modeThreeTicketResolvesThroughTheKmsAndLocally() throws MikeyException {
        IssuedTicket issued = ModeThreeTickets.create(TicketLab.MRFC, List.of(TicketLab.ALICE),
                Optional.of(TicketLab.KMS), Duration.ofMinutes(30), lab.mrfcTpk, lab.clock, lab.random);
        assertThat(issued.ticket().policy().flags().d()).isFalse();
        assertThat(issued.ticket().policy().flags().e()).isTrue();
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        TransferKeys viaKms = resolveViaKms(lab.alice, received.ticket(), "alice.ims.example.org");
        ResolvedTicket local = BaseTicket.resolve(received.ticket(), id -> Optional.of(lab.mrfcTpk));
        assertThat(local.keys().tgk().equalsSecret(viaKms.tgk())).isTrue();
        EstablishedSession s = pending.complete(received.respond(local.keys()).transferResp());
        assertThat(s.peerIdentity()).isEqualTo(TicketLab.ALICE);
    }

    @Test
    void modeThreeWithoutAnyKmsLeavesTheResolveToAResponderHoldingTheTpk() throws MikeyException {
        IssuedTicket issued = ModeThreeTickets.create(TicketLab.MRFC, List.of(TicketLab.ALICE), Optional.empty(),
                Duration.ofMinutes(30), lab.mrfcTpk, lab.clock, lab.random);
        assertThat(issued.ticket().policy().flags().e()).isFalse();
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        assertThat(received.terms().kms()).isEmpty();
        ResolvedTicket local = BaseTicket.resolve(received.ticket(), id -> id.equals(lab.mrfcTpk.id())
                ? Optional.of(lab.mrfcTpk) : Optional.empty());
        EstablishedSession s = pending.complete(received.respond(local.keys()).transferResp());
        assertThat(s.tek().length()).isEqualTo(TicketProfile.TEK_OCTETS);
        assertError(() -> BaseTicket.resolve(received.ticket(), id -> Optional.empty()), ErrorNo.INVALID_TICKET);
        Tpk wrong = new Tpk(lab.mrfcTpk.id(), SecretBytes.copyOf(TicketLab.fill(32, 1)));
        assertError(() -> BaseTicket.resolve(received.ticket(), id -> Optional.of(wrong)), ErrorNo.AUTH_FAILURE);
    }

    @Test
    void anUnauthorizedResponderIsRefusedEarlyAndByTheKms() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        assertError(() -> lab.responder(TicketLab.BOB).receive(pending.transferInit()), ErrorNo.INVALID_ID);
        PendingTicketResolve bobResolves = PendingTicketResolve.start(lab.bob, issued.ticket(), lab.clock,
                TicketLab.SKEW, lab.random);
        KmsAnswer answer = lab.kms.ticketResolve(bobResolves.resolveInit(), Set.of("bob.ims.example.org"));
        assertThat(answer.httpStatus()).isEqualTo(403);
        assertError(() -> bobResolves.complete(answer.mikey()), ErrorNo.INVALID_ID);
        assertThatThrownBy(() -> TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.BOB, lab.clock,
                TicketLab.SKEW, lab.random)).isInstanceOf(MikeyException.class);
    }

    @Test
    void theKmsChecksTlsIdentityPskAndReplay() {
        PendingTicketRequest r = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        assertThat(lab.kms.ticketRequest(r.requestInit(), Set.of("alice.ims.example.org")).error())
                .isEqualTo(ErrorNo.AUTH_FAILURE);
        KmsCredentials wrongPsk = new org.keygate.ims.mikey.ticket.KmsCredentials(TicketLab.MRFC, TicketLab.KMS,
                lab.mrfc.pskId(), SecretBytes.copyOf(TicketLab.fill(32, 9)));
        PendingTicketRequest forged = PendingTicketRequest.start(wrongPsk, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        assertThat(lab.kms.ticketRequest(forged.requestInit(), Set.of("mrfc.ims.example.org")).error())
                .isEqualTo(ErrorNo.AUTH_FAILURE);
        assertThat(lab.kms.ticketRequest(r.requestInit(), Set.of("mrfc.ims.example.org")).ok()).isTrue();
        assertThat(lab.kms.ticketRequest(r.requestInit(), Set.of("mrfc.ims.example.org")).error())
                .isEqualTo(ErrorNo.INVALID_TS);
        PendingTicketRequest late = PendingTicketRequest.start(lab.mrfc, lab.termsFor(TicketLab.ALICE), lab.clock,
                TicketLab.SKEW, lab.random);
        lab.clock.advance(Duration.ofMinutes(6));
        assertThat(lab.kms.ticketRequest(late.requestInit(), Set.of("mrfc.ims.example.org")).error())
                .isEqualTo(ErrorNo.INVALID_TS);
        assertThat(lab.kms.ticketRequest(new byte[] {1, 2, 3}, Set.of("mrfc.ims.example.org")).error())
                .isEqualTo(ErrorNo.UNSPECIFIED_ERROR);
    }

    @Test
    void theKmsGrantsOnlyWhatTheInitiatorIsAuthorizedFor() throws MikeyException {
        TicketTerms bobToAlice = new TicketTerms(TicketLab.BOB, List.of(TicketLab.ALICE), Optional.of(TicketLab.KMS),
                lab.clock.instant(), lab.clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
        PendingTicketRequest refused = PendingTicketRequest.start(lab.bob, bobToAlice, lab.clock, TicketLab.SKEW,
                lab.random);
        KmsAnswer answer = lab.kms.ticketRequest(refused.requestInit(), Set.of("bob.ims.example.org"));
        assertThat(answer.httpStatus()).isEqualTo(403);
        assertError(() -> refused.complete(answer.mikey()), ErrorNo.INVALID_ID);
        TicketTerms bobToMrfc = new TicketTerms(TicketLab.BOB, List.of(TicketLab.MRFC), Optional.of(TicketLab.KMS),
                lab.clock.instant(), lab.clock.instant().plus(Duration.ofDays(3)), TicketTerms.kmsTicketFlags(false));
        PendingTicketRequest granted = PendingTicketRequest.start(lab.bob, bobToMrfc, lab.clock, TicketLab.SKEW,
                lab.random);
        IssuedTicket ticket = granted.complete(lab.kms.ticketRequest(granted.requestInit(),
                Set.of("bob.ims.example.org")).mikey());
        // Three days asked, the KMS's 12-hour cap granted and the K flag set.
        TicketTerms terms = TicketTerms.of(ticket.ticket().policy());
        assertThat(terms.validTo()).isEqualTo(lab.clock.instant().plus(Duration.ofHours(12)));
        assertThat(terms.flags().k()).isTrue();
        assertThat(terms.initiator()).isEqualTo(TicketLab.BOB);
    }

    @Test
    void expiredAndTamperedTicketsAreRefused() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        // The policy names Alice; Bob swaps himself in: the ticket MAC covers the policy.
        Ticket t = issued.ticket();
        TicketTerms terms = TicketTerms.of(t.policy());
        TicketTerms forgedTerms = new TicketTerms(terms.initiator(), List.of(TicketLab.BOB), terms.kms(),
                terms.validFrom(), terms.validTo(), terms.flags());
        Ticket forged = new Ticket(forgedTerms.toPolicy(), t.ticketData(), t.initiatorData());
        PendingTicketResolve bob = PendingTicketResolve.start(lab.bob, forged, lab.clock, TicketLab.SKEW, lab.random);
        assertThat(lab.kms.ticketResolve(bob.resolveInit(), Set.of("bob.ims.example.org")).error())
                .isEqualTo(ErrorNo.AUTH_FAILURE);

        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        lab.clock.advance(Duration.ofHours(2));
        assertError(() -> lab.responder(TicketLab.ALICE).receive(pending.transferInit()), ErrorNo.INVALID_TICKET);
        PendingTicketResolve late = PendingTicketResolve.start(lab.alice, t, lab.clock, TicketLab.SKEW, lab.random);
        assertThat(lab.kms.ticketResolve(late.resolveInit(), Set.of("alice.ims.example.org")).error())
                .isEqualTo(ErrorNo.INVALID_TICKET);
    }

    @Test
    void aModeThreeTicketUnderAnotherInitiatorsTpkIsRefused() {
        Tpk rogue = new Tpk(lab.mrfcTpk.id(), SecretBytes.copyOf(TicketLab.fill(32, 0x55)));
        IssuedTicket issued = ModeThreeTickets.create(TicketLab.MRFC, List.of(TicketLab.ALICE),
                Optional.of(TicketLab.KMS), Duration.ofMinutes(30), rogue, lab.clock, lab.random);
        PendingTicketResolve r = PendingTicketResolve.start(lab.alice, issued.ticket(), lab.clock, TicketLab.SKEW,
                lab.random);
        assertThat(lab.kms.ticketResolve(r.resolveInit(), Set.of("alice.ims.example.org")).error())
                .isEqualTo(ErrorNo.AUTH_FAILURE);
    }

    @Test
    void tamperedOrReplayedTransferMessagesAreRefused() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        byte[] init = pending.transferInit();
        TransferResponder alice = lab.responder(TicketLab.ALICE);
        // A flipped RANDRi bit: the early checks pass, the MAC does not.
        byte[] tampered = init.clone();
        int rand = indexOf(init, MikeyCodec.decode(init).randr(RandRole.RANDRI).orElseThrow().rand().toByteArray());
        tampered[rand] ^= 1;
        ReceivedTransferInit bad = alice.receive(tampered);
        assertError(() -> bad.respond(issued.keys()), ErrorNo.AUTH_FAILURE);

        ReceivedTransferInit good = alice.receive(init);
        RespondedTransfer responded = good.respond(issued.keys());
        assertError(() -> alice.receive(init).respond(issued.keys()), ErrorNo.INVALID_TS);

        byte[] resp = responded.transferResp();
        byte[] badResp = resp.clone();
        badResp[badResp.length - 1] ^= 1;
        assertError(() -> pending.complete(badResp), ErrorNo.AUTH_FAILURE);
        assertThat(pending.complete(resp).tek().equalsSecret(responded.session().tek())).isTrue();
        assertError(() -> pending.complete(resp), ErrorNo.UNSPECIFIED_ERROR);
    }

    @Test
    void aResponderErrorReachesTheInitiatorAsItsErrNumber() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        PendingTransfer pending = TransferInitiator.start(issued, TicketLab.MRFC, TicketLab.ALICE, lab.clock,
                TicketLab.SKEW, lab.random);
        ReceivedTransferInit received = lab.responder(TicketLab.ALICE).receive(pending.transferInit());
        byte[] error = received.errorAnswer(new MikeyException(ErrorNo.INVALID_SP, "test"));
        assertThat(MikeyCodec.decode(error).header().csbId()).isEqualTo(pending.csbId());
        assertError(() -> pending.complete(error), ErrorNo.INVALID_SP);
    }

    @Test
    void errorsAndPrintoutsCarryNoKeyOctets() throws MikeyException {
        IssuedTicket issued = requestTicket(lab.termsFor(TicketLab.ALICE));
        String tgkHex = HexFormat.of().formatHex(issued.keys().tgk().toByteArray(InsecureSecretAccess.get()));
        String pskHex = HexFormat.of().formatHex(lab.mrfc.psk().toByteArray(InsecureSecretAccess.get()));
        List<String> printed = List.of(issued.toString(), issued.keys().toString(), lab.mrfc.toString(),
                lab.mrfcTpk.toString());
        for (String s : printed) {
            assertThat(s).doesNotContain(tgkHex.substring(0, 16)).doesNotContain(pskHex.substring(0, 16));
        }
        assertThat(issued.keys().toString()).contains("SecretBytes[32 octets]");
    }

    private IssuedTicket requestTicket(TicketTerms terms) throws MikeyException {
        PendingTicketRequest r = PendingTicketRequest.start(lab.mrfc, terms, lab.clock, TicketLab.SKEW, lab.random);
        KmsAnswer answer = lab.kms.ticketRequest(r.requestInit(), Set.of("mrfc.ims.example.org"));
        assertThat(answer.ok()).as(answer.toString()).isTrue();
        return r.complete(answer.mikey());
    }

    private TransferKeys resolveViaKms(KmsCredentials c, Ticket ticket, String tlsName) throws MikeyException {
        PendingTicketResolve r = PendingTicketResolve.start(c, ticket, lab.clock, TicketLab.SKEW, lab.random);
        KmsAnswer answer = lab.kms.ticketResolve(r.resolveInit(), Set.of(tlsName));
        assertThat(answer.ok()).as(answer.toString()).isTrue();
        return r.complete(answer.mikey());
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertError(Call call, ErrorNo expected) {
        try {
            call.run();
        } catch (MikeyException e) {
            assertThat(e.errorNo()).as(e.getMessage()).isEqualTo(expected);
            return;
        } catch (Exception e) {
            throw new AssertionError("untyped " + e, e);
        }
        throw new AssertionError("no MikeyException, expected " + expected);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
