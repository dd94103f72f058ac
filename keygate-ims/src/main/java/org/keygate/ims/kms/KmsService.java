package org.keygate.ims.kms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.Header;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.KeyDataCodec;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyErrors;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyProtection;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.ReplayJournal;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.TicketPolicy;
import org.keygate.ims.mikey.Timestamp;
import org.keygate.ims.mikey.TimestampWithRole;
import org.keygate.ims.mikey.TsRole;
import org.keygate.ims.mikey.Verification;
import org.keygate.ims.mikey.ticket.BaseTicket;
import org.keygate.ims.mikey.ticket.IssuedTicket;
import org.keygate.ims.mikey.ticket.KemacKeys;
import org.keygate.ims.mikey.ticket.ResolvedTicket;
import org.keygate.ims.mikey.ticket.TicketProfile;
import org.keygate.ims.mikey.ticket.TicketTerms;
import org.keygate.ims.mikey.ticket.Tpk;
import org.keygate.ims.mikey.ticket.TransferKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KMS's MIKEY logic, no I/O (the HTTP side is {@link KmsServer}): Ticket Request (RFC 6043 4.2.1, PSK variant)
 * and Ticket Resolve (4.2.3, PSK variant) with the MIKEY base ticket protected by the KMS's own TPK (mode 1) or
 * by a TPK it shares with an initiator (mode 3).
 *
 * <p>Each initial message is checked in this order, each failure answered by an Error message (RFC 6043 5.4)
 * with the ERR number in brackets: decodes [as the codec says]; data type [Invalid DT]; the user its IDRi/IDRr
 * names is known, its IDRpsk and IDRkms match [Invalid ID]; the TLS client certificate belongs to that user
 * [Auth failure]; the V payload verifies under the user's PSK over the message || identity || Identity_kms
 * [Auth failure]; the T payload is fresh and the message not replayed (RFC 3830 5.4) [Invalid TS]. Then a
 * request needs a MIKEY base ticket policy naming at least one responder [Invalid TICKET, Invalid TPpar], and the
 * initiator must be authorized to ask for tickets to those responders (RFC 6043 4.2.1.4; a configurable rule,
 * everyone by default) [Invalid ID]; its validity is cut to {@link #maxTicketLifetime()} (K flag). A resolve needs a ticket whose MAC verifies under
 * the TPK its IDRpsk names [Invalid TICKET, Auth failure], created by the KMS (D flag) with its own TPK or by the
 * initiator with that initiator's TPK [Auth failure], valid now [Invalid TICKET], and the requesting user among
 * its IDRr [Invalid ID]. Every refusal is logged once, without key material. Thread-safe.
 */
public final class KmsService {
    private static final Logger LOG = LoggerFactory.getLogger(KmsService.class);
    /** Ticket lifetime cap by default: a working day of calls on one ticket. */
    public static final Duration DEFAULT_MAX_TICKET_LIFETIME = Duration.ofHours(12);

    private final String identity;
    private final Tpk tpk;
    /** Replaced whole by {@link #reload}; a request reads it once. */
    private volatile Map<String, KmsUser> users;
    private final Map<Octets, InitiatorTpk> initiatorTpks;
    private volatile Duration maxTicketLifetime;
    private final BiPredicate<String, List<String>> ticketAuthorization;
    private final MikeyReplayCache replayCache;
    private final MeterRegistry meters;
    private final Counter issued;
    private final Counter resolved;
    private final Clock clock;
    private final SecureRandom random;

    private KmsService(Builder b) {
        this.identity = b.identity;
        this.tpk = b.tpk;
        this.users = Map.copyOf(b.users);
        this.initiatorTpks = Map.copyOf(b.initiatorTpks);
        this.maxTicketLifetime = b.maxTicketLifetime;
        this.ticketAuthorization = b.ticketAuthorization;
        this.clock = b.clock;
        this.random = b.random;
        this.replayCache = new MikeyReplayCache(b.skew, b.replayCapacity, b.clock, b.replayJournal);
        this.meters = b.meters;
        this.issued = meters.counter("keygate.ims.kms.tickets.issued");
        this.resolved = meters.counter("keygate.ims.kms.tickets.resolved");
        meters.gauge("keygate.ims.kms.replay.entries", replayCache, MikeyReplayCache::size);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String identity() {
        return identity;
    }

    public Duration maxTicketLifetime() {
        return maxTicketLifetime;
    }

    /**
     * A reload of the KMS's file (issue 18, docs/IMS.md "Reload"): the users (added, removed, a changed key or TLS
     * names) and the ticket lifetime cap apply from the next request on; a request in progress finishes with what
     * it started with. Tickets issued before stay valid (they are protected by the TPK, which a reload cannot change);
     * a removed user can no longer ask for or resolve one.
     */
    public void reload(java.util.Collection<KmsUser> newUsers, Duration newMaxTicketLifetime) {
        Map<String, KmsUser> next = new HashMap<>();
        for (KmsUser u : newUsers) {
            if (next.putIfAbsent(u.identity(), u) != null) {
                throw new IllegalArgumentException("users: " + u.identity() + " given twice");
            }
        }
        if (newMaxTicketLifetime.isNegative() || newMaxTicketLifetime.isZero()) {
            throw new IllegalArgumentException("maxTicketLifetime: " + newMaxTicketLifetime + " (expected: positive)");
        }
        this.users = Map.copyOf(next);
        this.maxTicketLifetime = newMaxTicketLifetime;
    }

    /** Answers a REQUEST_INIT from a TLS client whose certificate carries {@code tlsNames}. */
    public KmsAnswer ticketRequest(byte[] requestInit, Set<String> tlsNames) {
        Header h = null;
        try {
            MikeyMessage m = MikeyCodec.decode(requestInit);
            h = m.header();
            expect(m, DataType.REQUEST_INIT_PSK);
            KmsUser user = authenticate(m, IdRole.IDRI, RandRole.RANDRI, tlsNames);
            return new KmsAnswer(null, MikeyCodec.encode(grant(m, requestInit, user)));
        } catch (MikeyException e) {
            return refuse("ticket request", h, e);
        }
    }

    /** Answers a RESOLVE_INIT from a TLS client whose certificate carries {@code tlsNames}. */
    public KmsAnswer ticketResolve(byte[] resolveInit, Set<String> tlsNames) {
        Header h = null;
        try {
            MikeyMessage m = MikeyCodec.decode(resolveInit);
            h = m.header();
            expect(m, DataType.RESOLVE_INIT_PSK);
            KmsUser user = authenticate(m, IdRole.IDRR, RandRole.RANDRR, tlsNames);
            return new KmsAnswer(null, MikeyCodec.encode(resolve(m, resolveInit, user)));
        } catch (MikeyException e) {
            return refuse("ticket resolve", h, e);
        }
    }

    private static void expect(MikeyMessage m, DataType type) throws MikeyException {
        if (m.dataType() != type) {
            throw new MikeyException(ErrorNo.INVALID_DT, m.dataType() + " instead of " + type
                    + " (the PK variants are not implemented)");
        }
        if (m.header().csIdMap().csCount() != 0) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "#CS must be 0 (RFC 6043 4.2.1.1, 4.2.3.1)");
        }
    }

    private KmsUser authenticate(MikeyMessage m, IdRole role, RandRole randRole, Set<String> tlsNames)
            throws MikeyException {
        IdWithRole id = m.idr(role).orElseThrow(() -> new MikeyException(ErrorNo.INVALID_ID, m.dataType()
                + " without " + role));
        KmsUser user = users.get(id.data().utf8());
        if (user == null) {
            throw new MikeyException(ErrorNo.INVALID_ID, role + " is not a user of this KMS");
        }
        if (m.idr(IdRole.IDRPSK).isPresent() && !m.idr(IdRole.IDRPSK).get().data().equals(user.pskId())) {
            throw new MikeyException(ErrorNo.INVALID_ID, "IDRpsk does not name the user's pre-shared key");
        }
        if (m.idr(IdRole.IDRKMS).isPresent() && !m.idr(IdRole.IDRKMS).get().data().utf8().equals(identity)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "IDRkms names another KMS");
        }
        if (tlsNames.stream().noneMatch(user.tlsNames()::contains)) {
            throw new MikeyException(ErrorNo.AUTH_FAILURE, "the TLS client certificate does not belong to " + role);
        }
        Octets rand = m.randr(randRole).map(r -> r.rand()).orElse(Octets.EMPTY);
        if (rand.length() < TicketProfile.RAND_OCTETS) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, randRole + " missing or shorter than "
                    + TicketProfile.RAND_OCTETS + " octets");
        }
        Verification v = m.verification().orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "no V"));
        MikeyMessageKeys keys = keys(m, user, false, MikeyEncrAlg.NULL, v);
        try {
            MikeyProtection.verify(m, keys.authKey(), id.data().toByteArray(), utf8(identity));
        } finally {
            keys.destroy();
        }
        replayCache.accept(m);
        return user;
    }

    private MikeyMessage grant(MikeyMessage m, byte[] wire, KmsUser user) throws MikeyException {
        TicketPolicy desired = m.first(TicketPolicy.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TPPAR, "REQUEST_INIT without TP"));
        if (desired.ticketType() != TicketProfile.TICKET_TYPE) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Type " + desired.ticketType());
        }
        List<String> responders = desired.tpData(IdWithRole.class).stream().filter(i -> i.role() == IdRole.IDRR)
                .map(i -> i.data().utf8()).toList();
        if (responders.isEmpty()) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "the desired Ticket Policy names no responder (IDRr)");
        }
        if (!ticketAuthorization.test(user.identity(), responders)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "the initiator may not have tickets for these responders");
        }
        Instant now = clock.instant();
        Instant cap = now.plus(maxTicketLifetime);
        Instant wanted = desired.tpData(TimestampWithRole.class).stream().filter(t -> t.role() == TsRole.TRE)
                .map(t -> MikeyTime.toInstant(t.tsType(), t.value())).filter(Objects::nonNull).findFirst()
                .orElse(cap);
        boolean changed = wanted.isAfter(cap) || !wanted.isAfter(now);
        Instant end = changed ? cap : wanted;
        TicketTerms granted = new TicketTerms(user.identity(), responders, Optional.of(identity), now, end,
                TicketTerms.kmsTicketFlags(changed));
        IssuedTicket issued = BaseTicket.issue(granted.toPolicy(), tpk, now, random);
        Verification v = m.verification().orElseThrow();
        MikeyMessageKeys keys = keys(m, user, true, TicketProfile.ENCR_ALG, v);
        try {
            // RFC 6043 4.2.1.5: V "SHALL be set to '0' by the KMS"; the V of the REQUEST_INIT is ignored
            Header h = new Header(DataType.REQUEST_RESP, false, m.header().prf(), m.header().csbId(),
                    new CsIdMap.EmptyMap(0));
            MikeyMessage resp = new MikeyMessage(h, List.of(MikeyTime.ntpUtc(now),
                    IdWithRole.uri(IdRole.IDRKMS, identity), issued.ticket(),
                    KeyDataCodec.seal(KemacKeys.toKeyData(issued.keys()), TicketProfile.ENCR_ALG, keys,
                            h.csbId(), ivValue(m)),
                    Verification.unsealed(v.authAlg())));
            LOG.info("ticket granted to {} for {} until {}", user.identity(), responders, end);
            this.issued.increment();
            return MikeyProtection.seal(resp, keys.authKey(), wire);
        } finally {
            keys.destroy();
            issued.keys().mpki().destroy();
            issued.keys().tgk().destroy();
        }
    }

    private MikeyMessage resolve(MikeyMessage m, byte[] wire, KmsUser user) throws MikeyException {
        Ticket ticket = m.first(Ticket.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TICKET, "RESOLVE_INIT without TICKET"));
        ResolvedTicket resolved = BaseTicket.resolve(ticket, this::tpk);
        TicketTerms terms = resolved.terms();
        boolean ownTpk = resolved.tpk().id().equals(tpk.id());
        if (terms.flags().d() != ownTpk) {
            throw new MikeyException(ErrorNo.AUTH_FAILURE, "D flag and protecting TPK disagree");
        }
        if (!ownTpk && !initiatorTpks.get(resolved.tpk().id()).owner().equals(terms.initiator())) {
            throw new MikeyException(ErrorNo.AUTH_FAILURE, "ticket protected with another initiator's TPK");
        }
        if (!terms.validAt(clock.instant())) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "ticket outside its validity period");
        }
        if (!terms.responders().contains(user.identity())) {
            throw new MikeyException(ErrorNo.INVALID_ID, "not an authorized responder of this ticket");
        }
        TransferKeys keysInTicket = resolved.keys();
        Verification v = m.verification().orElseThrow();
        MikeyMessageKeys keys = keys(m, user, true, TicketProfile.ENCR_ALG, v);
        try {
            // RFC 6043 4.2.3.5: V "SHALL be set to '0' by the KMS"; the V of the RESOLVE_INIT is ignored
            Header h = new Header(DataType.RESOLVE_RESP, false, m.header().prf(), m.header().csbId(),
                    new CsIdMap.EmptyMap(0));
            MikeyMessage resp = new MikeyMessage(h, List.of(MikeyTime.ntpUtc(clock.instant()),
                    IdWithRole.uri(IdRole.IDRKMS, identity),
                    KeyDataCodec.seal(KemacKeys.toKeyData(keysInTicket), TicketProfile.ENCR_ALG, keys, h.csbId(),
                            ivValue(m)),
                    IdWithRole.uri(IdRole.IDRR, user.identity()), Verification.unsealed(v.authAlg())));
            LOG.info("ticket of {} resolved for {}", terms.initiator(), user.identity());
            this.resolved.increment();
            return MikeyProtection.seal(resp, keys.authKey(), wire);
        } finally {
            keys.destroy();
            keysInTicket.mpki().destroy();
            keysInTicket.tgk().destroy();
        }
    }

    private Optional<Tpk> tpk(Octets id) {
        if (id.equals(tpk.id())) {
            return Optional.of(tpk);
        }
        return Optional.ofNullable(initiatorTpks.get(id)).map(InitiatorTpk::tpk);
    }

    /** RFC 6043 5.1.2 keys from the user's PSK: RANDRi for a request, RANDRr for a resolve. */
    private static MikeyMessageKeys keys(MikeyMessage m, KmsUser user, boolean response, MikeyEncrAlg encr,
            Verification v) {
        boolean request = m.dataType() == DataType.REQUEST_INIT_PSK;
        byte[] randRi = request ? m.randr(RandRole.RANDRI).orElseThrow().rand().toByteArray() : null;
        byte[] randRr = request ? null : m.randr(RandRole.RANDRR).orElseThrow().rand().toByteArray();
        return MikeyMessageKeys.derive(m.header().prf(), user.psk(),
                MikeyLabel.ticketMessage(m.header().csbId(), response, randRi, randRr), encr, v.authAlg());
    }

    /** RFC 3830 4.2.3: the IV's T is the initial message's timestamp. */
    private static long ivValue(MikeyMessage init) {
        Timestamp t = init.first(Timestamp.class).orElseThrow();
        return MikeyTime.ivValue(t.tsType(), t.value());
    }

    private KmsAnswer refuse(String what, Header h, MikeyException e) {
        LOG.info("{} refused: {}", what, e.getMessage());
        meters.counter("keygate.ims.kms.refused", "exchange", what, "error", e.errorNo().name()).increment();
        return new KmsAnswer(e.errorNo(), MikeyCodec.encode(MikeyErrors.errorMessage(h, e.errorNo(),
                clock.instant())));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Settings, checked as given. */
    public static final class Builder {
        private String identity;
        private Tpk tpk;
        private final Map<String, KmsUser> users = new HashMap<>();
        private final Map<Octets, InitiatorTpk> initiatorTpks = new HashMap<>();
        private Duration maxTicketLifetime = DEFAULT_MAX_TICKET_LIFETIME;
        private BiPredicate<String, List<String>> ticketAuthorization = (initiator, responders) -> true;
        private Duration skew = MikeyReplayCache.DEFAULT_SKEW;
        private int replayCapacity = MikeyReplayCache.DEFAULT_CAPACITY;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private ReplayJournal replayJournal = ReplayJournal.NONE;
        private MeterRegistry meters = new SimpleMeterRegistry();

        private Builder() {}

        /** Where the replay cache survives restarts ({@link MvReplayJournal}); by default nowhere. */
        public Builder replayJournal(ReplayJournal journal) {
            this.replayJournal = Objects.requireNonNull(journal, "replayJournal");
            return this;
        }

        /**
         * Gets {@code keygate_ims_kms_tickets_issued_total}, {@code keygate_ims_kms_tickets_resolved_total},
         * {@code keygate_ims_kms_refused_total{exchange,error}} and the gauge {@code keygate_ims_kms_replay_entries}.
         */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** The KMS's identity (IDRkms), e.g. {@code sip:kms@ims.example.org}. */
        public Builder identity(String identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The KMS's own TPK (mode 1 tickets). */
        public Builder tpk(Tpk tpk) {
            this.tpk = Objects.requireNonNull(tpk, "tpk");
            return this;
        }

        public Builder user(KmsUser user) {
            if (users.putIfAbsent(user.identity(), user) != null) {
                throw new IllegalArgumentException("user: " + user.identity() + " given twice");
            }
            return this;
        }

        /** A TPK shared with one initiator for mode 3 tickets. */
        public Builder initiatorTpk(InitiatorTpk t) {
            if (initiatorTpks.putIfAbsent(t.tpk().id(), t) != null) {
                throw new IllegalArgumentException("initiatorTpk: id " + t.tpk().id() + " given twice");
            }
            return this;
        }

        public Builder maxTicketLifetime(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxTicketLifetime: " + d + " (expected: positive)");
            }
            this.maxTicketLifetime = d;
            return this;
        }

        /**
         * Which initiator may have tickets for which responders (RFC 6043 4.2.1.4: "the KMS MUST check the
         * Initiator's authorization"); by default every authenticated user for anyone.
         */
        public Builder ticketAuthorization(BiPredicate<String, List<String>> rule) {
            this.ticketAuthorization = Objects.requireNonNull(rule, "ticketAuthorization");
            return this;
        }

        /** Allowed clock skew of T payloads (RFC 3830 5.4). */
        public Builder skew(Duration d) {
            this.skew = Objects.requireNonNull(d, "skew");
            return this;
        }

        public Builder replayCapacity(int entries) {
            this.replayCapacity = entries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public KmsService build() {
            if (identity == null) {
                throw new IllegalStateException("identity: missing (expected: the KMS's IDRkms URI)");
            }
            if (tpk == null) {
                throw new IllegalStateException("tpk: missing (expected: the KMS's own ticket protection key)");
            }
            if (initiatorTpks.containsKey(tpk.id())) {
                throw new IllegalStateException("tpk: id " + tpk.id() + " also used by an initiator TPK");
            }
            return new KmsService(this);
        }
    }
}
