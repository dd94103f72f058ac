package org.keygate.ims.mikey.ticket;

import org.keygate.tls.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.kms.InitiatorTpk;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.kms.KmsUser;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.Octets;

/** A KMS with three users (an MRFC initiator, two UEs) and their credentials, on a hand-moved clock. */
public final class TicketLab {
    public static final String KMS = "sip:kms@ims.example.org";
    public static final String MRFC = "sip:mrfc@ims.example.org";
    public static final String ALICE = "sip:alice@ims.example.org";
    public static final String BOB = "sip:bob@ims.example.org";
    public static final Duration SKEW = MikeyReplayCache.DEFAULT_SKEW;

    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    public final SecureRandom random = new SecureRandom();
    public final KmsCredentials mrfc = credentials(MRFC, 1);
    public final KmsCredentials alice = credentials(ALICE, 2);
    public final KmsCredentials bob = credentials(BOB, 3);
    /** The TPK the MRFC shares with the KMS for mode 3. */
    public final Tpk mrfcTpk = new Tpk(Octets.ofUtf8("mrfc-tpk-1"), SecretBytes.copyOf(fill(32, 0x44)));
    public final KmsService kms;

    public TicketLab() {
        this(org.keygate.ims.mikey.ReplayJournal.NONE);
    }

    /** @param journal where the KMS's replay cache reports what it accepts (a test may hold the answer there) */
    public TicketLab(org.keygate.ims.mikey.ReplayJournal journal) {
        kms = KmsService.builder().identity(KMS).clock(clock).replayJournal(journal)
                .tpk(new Tpk(Octets.ofUtf8("kms-tpk-1"), SecretBytes.copyOf(fill(32, 0x77))))
                .user(user(mrfc, "mrfc.ims.example.org")).user(user(alice, "alice.ims.example.org"))
                .user(user(bob, "bob.ims.example.org"))
                .initiatorTpk(new InitiatorTpk(MRFC, mrfcTpk))
                // UEs get tickets for the MRFC only; the MRFC for anyone.
                .ticketAuthorization((initiator, responders) -> initiator.equals(MRFC) || List.of(MRFC)
                        .containsAll(responders))
                .build();
    }

    public TicketTerms termsFor(String... responders) {
        return new TicketTerms(MRFC, List.of(responders), Optional.of(KMS), clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), TicketTerms.kmsTicketFlags(false));
    }

    public TransferResponder responder(String identity) {
        return new TransferResponder(identity, new MikeyReplayCache(SKEW, 1000, clock), clock, random);
    }

    private static KmsCredentials credentials(String identity, int n) {
        return new KmsCredentials(identity, KMS, Octets.ofUtf8("psk-" + n), SecretBytes.copyOf(fill(32, n)));
    }

    private static KmsUser user(KmsCredentials c, String tlsName) {
        return new KmsUser(c.identity(), c.pskId(), c.psk(), Set.of(tlsName));
    }

    public static byte[] fill(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
