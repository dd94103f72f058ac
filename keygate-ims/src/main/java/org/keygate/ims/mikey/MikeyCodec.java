package org.keygate.ims.mikey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyPrf;

/**
 * Encodes and decodes MIKEY messages (RFC 3830 6, RFC 6043 6) to and from octets. Stateless and thread-safe.
 *
 * <p>Decoding is strict: every length is checked against what is left, every count and enumerated value against
 * the RFCs, the payload chain must end with "Last payload" exactly at the end of the input, and the input must be
 * the canonical encoding of what was decoded (reserved bits zero), so that a MAC computed over
 * {@link #macCoverage} of the decoded message covers exactly the octets received. Every refusal is a
 * {@link MikeyException} with the ERR number to answer with; nothing else escapes.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Limit</th><th>Value</th><th>Why</th></tr>
 *   <tr><td>{@link #MAX_MESSAGE_OCTETS}</td><td>{@value #MAX_MESSAGE_OCTETS}</td>
 *       <td>a TRANSFER_INIT with one crypto session and a base ticket is under 1 kB; the message travels base64
 *       in SDP (RFC 4567) inside SIP</td></tr>
 *   <tr><td>{@link #MAX_PAYLOADS}</td><td>{@value #MAX_PAYLOADS}</td><td>per payload chain; the largest
 *       RFC 6043 message lists about ten</td></tr>
 * </table>
 * TP Data (RFC 6043 6.10) is one nested chain; a TP or TICKET payload inside it is refused.
 */
public final class MikeyCodec {
    public static final int MAX_MESSAGE_OCTETS = 8192;
    public static final int MAX_PAYLOADS = 32;

    private MikeyCodec() {}

    public static byte[] encode(MikeyMessage message) {
        return write(message).toByteArray();
    }

    /**
     * The octets a V payload's MAC covers before the RFC 6043 Table 5.2 trailer (identities or the initial
     * message): the whole encoded message except the MAC field of its final V payload and, in a TRANSFER_INIT,
     * except the TICKET's Initiator Data length and Initiator Data fields (RFC 6043 5.5).
     */
    public static byte[] macCoverage(MikeyMessage message) {
        MikeyWriter w = write(message);
        if (message.verification().isEmpty()) {
            throw new IllegalArgumentException("the message does not end with a V payload");
        }
        byte[] all = w.toByteArray();
        byte[] covered = Arrays.copyOf(all, w.lastMacStart);
        if (message.dataType() == DataType.TRANSFER_INIT && w.initiatorDataStart >= 0) {
            byte[] cut = new byte[covered.length - (w.initiatorDataEnd - w.initiatorDataStart)];
            System.arraycopy(covered, 0, cut, 0, w.initiatorDataStart);
            System.arraycopy(covered, w.initiatorDataEnd, cut, w.initiatorDataStart,
                    covered.length - w.initiatorDataEnd);
            return cut;
        }
        return covered;
    }

    /**
     * A payload chain on its own (each payload with its Next payload field, the last one "Last payload"), as in
     * the Ticket Data of the MIKEY base ticket after its THDR (RFC 6043 A.1). TP and TICKET payloads may not nest.
     */
    public static byte[] encodeChain(List<Payload> payloads) {
        MikeyWriter w = new MikeyWriter();
        writeChain(w, payloads, false);
        return w.toByteArray();
    }

    /** Decodes {@code octets[from..]} as a payload chain whose first payload has type {@code first}. */
    public static List<Payload> decodeChain(byte[] octets, int from, int first) throws MikeyException {
        try {
            MikeyReader r = new MikeyReader(octets, from, octets.length);
            List<Payload> payloads = readChain(r, first, false);
            if (!r.atEnd()) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, r.remaining() + " octets after the last payload");
            }
            if (!Arrays.equals(encodeChain(payloads), Arrays.copyOfRange(octets, from, octets.length))) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "not the canonical encoding");
            }
            return payloads;
        } catch (IllegalArgumentException e) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "malformed: " + e.getMessage());
        }
    }

    /**
     * The fields of a TICKET payload that the base ticket's V payload covers (RFC 6043 A.1): everything but the
     * Next Payload field, the Initiator Data length and Initiator Data, and the final {@code macOctets} (the MAC
     * field at the end of the Ticket Data).
     */
    public static byte[] ticketMacCoverage(Ticket ticket, int macOctets) {
        MikeyWriter w = new MikeyWriter();
        writePolicy(w, ticket.policy());
        byte[] data = ticket.ticketData().unsafeArray();
        w.u16(data.length).bytes(Arrays.copyOf(data, Math.max(0, data.length - macOctets)));
        return w.toByteArray();
    }

    public static MikeyMessage decode(byte[] wire) throws MikeyException {
        if (wire == null || wire.length == 0) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "empty message");
        }
        if (wire.length > MAX_MESSAGE_OCTETS) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR,
                    "message of " + wire.length + " octets (limit " + MAX_MESSAGE_OCTETS + ")");
        }
        MikeyMessage m;
        try {
            MikeyReader r = new MikeyReader(wire, 0, wire.length);
            int[] next = new int[1];
            Header h = readHeader(r, next);
            List<Payload> payloads = readChain(r, next[0], true);
            if (!r.atEnd()) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR,
                        r.remaining() + " octets after the last payload");
            }
            m = new MikeyMessage(h, payloads);
        } catch (IllegalArgumentException e) {
            // A record refused a decoded value (a field rule, not a length): report it as malformed.
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "malformed: " + e.getMessage());
        }
        if (!Arrays.equals(encode(m), wire)) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "not the canonical encoding (reserved bits set?)");
        }
        return m;
    }

    // ---- decoding

    private static Header readHeader(MikeyReader r, int[] next) throws MikeyException {
        int version = r.u8("HDR version");
        if (version != Header.VERSION) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "HDR version " + version + " (RFC 3830 6.1: 1)");
        }
        int dt = r.u8("HDR data type");
        DataType dataType = DataType.fromWire(dt);
        if (dataType == null) {
            throw new MikeyException(ErrorNo.INVALID_DT, "data type " + dt);
        }
        next[0] = r.u8("HDR next payload");
        int vPrf = r.u8("HDR V/PRF func");
        MikeyPrf prf = MikeyPrf.fromWire(vPrf & 0x7F);
        if (prf == null) {
            throw new MikeyException(ErrorNo.INVALID_PRF, "PRF func " + (vPrf & 0x7F));
        }
        long csbId = r.u32("HDR CSB ID");
        int csCount = r.u8("HDR #CS");
        int mapType = r.u8("HDR CS ID map type");
        CsIdMap map = switch (mapType) {
            case CsIdMap.SRTP_ID -> readSrtpIdMap(r, csCount);
            case CsIdMap.EMPTY -> new CsIdMap.EmptyMap(csCount);
            case CsIdMap.GENERIC_ID -> readGenericIdMap(r, csCount);
            default -> throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "CS ID map type " + mapType);
        };
        return new Header(dataType, (vPrf & 0x80) != 0, prf, csbId, map);
    }

    private static CsIdMap readSrtpIdMap(MikeyReader r, int csCount) throws MikeyException {
        List<CsIdMap.SrtpId> entries = new ArrayList<>();
        for (int i = 0; i < csCount; i++) {
            entries.add(new CsIdMap.SrtpId(r.u8("SRTP-ID Policy_no"), r.u32("SRTP-ID SSRC"), r.u32("SRTP-ID ROC")));
        }
        return new CsIdMap.SrtpIdMap(entries);
    }

    private static CsIdMap readGenericIdMap(MikeyReader r, int csCount) throws MikeyException {
        List<CryptoSession> sessions = new ArrayList<>();
        for (int i = 0; i < csCount; i++) {
            int csId = r.u8("GENERIC-ID CS ID");
            ProtType prot = new ProtType(r.u8("GENERIC-ID Prot type"));
            int sp = r.u8("GENERIC-ID S/#P");
            List<Integer> policies = new ArrayList<>();
            for (int p = 0; p < (sp & 0x7F); p++) {
                policies.add(r.u8("GENERIC-ID Ps"));
            }
            Octets sessionData = Octets.wrap(r.bytes(r.u16("Session Data Length"), "Session Data"));
            Octets spi = Octets.wrap(r.bytes(r.u8("SPI Length"), "SPI"));
            sessions.add(new CryptoSession(csId, prot, (sp & 0x80) != 0, policies, sessionData, spi));
        }
        return new CsIdMap.GenericIdMap(sessions);
    }

    private static List<Payload> readChain(MikeyReader r, int first, boolean topLevel) throws MikeyException {
        List<Payload> payloads = new ArrayList<>();
        int next = first;
        while (next != PayloadType.LAST.wireValue()) {
            if (payloads.size() == MAX_PAYLOADS) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "more than " + MAX_PAYLOADS + " payloads");
            }
            PayloadType type = PayloadType.fromWire(next);
            if (type == null) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "unknown payload type " + next);
            }
            int[] np = new int[1];
            payloads.add(readPayload(r, type, np, topLevel));
            next = np[0];
        }
        return payloads;
    }

    private static Payload readPayload(MikeyReader r, PayloadType type, int[] next, boolean topLevel)
            throws MikeyException {
        String n = type.name();
        next[0] = r.u8(n + " next payload");
        return switch (type) {
            case KEMAC -> {
                MikeyEncrAlg encr = encrAlg(r.u8("KEMAC Encr alg"));
                Octets data = Octets.wrap(r.bytes(r.u16("KEMAC Encr data len"), "KEMAC Encr data"));
                MikeyMacAlg mac = macAlg(r.u8("KEMAC Mac alg"));
                yield new Kemac(encr, data, mac, Octets.wrap(r.bytes(mac.macOctets(), "KEMAC MAC")));
            }
            case T -> {
                TsType ts = tsType(r.u8("T TS type"));
                yield new Timestamp(ts, tsValue(r, ts));
            }
            case TR -> {
                int role = r.u8("TR TS Role");
                TsRole tsRole = TsRole.fromWire(role);
                if (tsRole == null) {
                    throw new MikeyException(ErrorNo.INVALID_TS, "TS Role " + role);
                }
                TsType ts = tsType(r.u8("TR TS type"));
                yield new TimestampWithRole(tsRole, ts, tsValue(r, ts));
            }
            case ID -> {
                IdType idType = idType(r.u8("ID type"));
                yield new Id(idType, Octets.wrap(r.bytes(r.u16("ID len"), "ID data")));
            }
            case IDR -> {
                int role = r.u8("IDR ID Role");
                IdRole idRole = IdRole.fromWire(role);
                if (idRole == null) {
                    throw new MikeyException(ErrorNo.INVALID_ID, "ID Role " + role);
                }
                IdType idType = idType(r.u8("IDR ID Type"));
                yield new IdWithRole(idRole, idType, Octets.wrap(r.bytes(r.u16("IDR ID len"), "IDR ID Data")));
            }
            case V -> {
                MikeyMacAlg mac = macAlg(r.u8("V Auth alg"));
                yield new Verification(mac, Octets.wrap(r.bytes(mac.macOctets(), "V Ver data")));
            }
            case SP -> readSecurityPolicy(r);
            case RAND -> new Rand(Octets.wrap(r.bytes(r.u8("RAND len"), "RAND")));
            case RANDR -> {
                int role = r.u8("RANDR RAND Role");
                RandRole randRole = RandRole.fromWire(role);
                if (randRole == null) {
                    throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "RAND Role " + role);
                }
                yield new RandWithRole(randRole, Octets.wrap(r.bytes(r.u8("RANDR RAND length"), "RANDR RAND")));
            }
            case ERR -> new ErrorPayload(r.u8("ERR Error no"), r.u16("ERR Reserved"));
            case GENERAL_EXT -> {
                int extType = r.u8("General Ext. Type");
                yield new GeneralExtension(extType, Octets.wrap(r.bytes(r.u16("General Ext. Length"), "Data")));
            }
            case TP, TICKET -> {
                if (!topLevel) {
                    throw new MikeyException(ErrorNo.INVALID_TPPAR, type + " payload inside TP Data");
                }
                yield readTicketPolicyOrTicket(r, type);
            }
            case LAST, PKE, DH, SIGN, CERT, CHASH, KEY_DATA -> throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR,
                    "payload " + type + " is not supported here (public-key variants are not implemented)");
        };
    }

    private static Payload readSecurityPolicy(MikeyReader r) throws MikeyException {
        int no = r.u8("SP Policy no");
        ProtType prot = new ProtType(r.u8("SP Prot type"));
        MikeyReader params = r.sub(r.u16("SP Policy param length"), "SP Policy param");
        List<SecurityPolicy.Param> list = new ArrayList<>();
        while (!params.atEnd()) {
            int t = params.u8("SP param Type");
            list.add(new SecurityPolicy.Param(t, Octets.wrap(params.bytes(params.u8("SP param Length"),
                    "SP param Value"))));
        }
        return new SecurityPolicy(no, prot, list);
    }

    private static Payload readTicketPolicyOrTicket(MikeyReader r, PayloadType type) throws MikeyException {
        int ticketType = r.u16("Ticket Type");
        int subtype = r.u8("Subtype");
        int version = r.u8("Version");
        int a = r.u8("PRF Func/D");
        int b = r.u8("flags E..L");
        int c = r.u8("flags M..O/Res");
        if ((c & 0x1F) != 0) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "Res bits " + (c & 0x1F) + " (expected: 0)");
        }
        MikeyPrf prf = MikeyPrf.fromWire(a >>> 1);
        if (prf == null) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "Ticket Policy PRF Func " + (a >>> 1));
        }
        TicketFlags flags = TicketFlags.ofBits(((a & 1) << 11) | (b << 3) | (c >>> 5));
        MikeyReader tp = r.sub(r.u16("TP Data length"), "TP Data");
        List<Payload> tpData = List.of();
        if (!tp.atEnd()) {
            tpData = readChain(tp, tp.u8("TP Data First Payload"), false);
            if (!tp.atEnd()) {
                throw new MikeyException(ErrorNo.INVALID_TPPAR, tp.remaining() + " octets after TP Data's last payload");
            }
        }
        TicketPolicy policy = new TicketPolicy(ticketType, subtype, version, prf, flags, tpData);
        if (type == PayloadType.TP) {
            return policy;
        }
        Octets ticketData = Octets.wrap(r.bytes(r.u16("Ticket Data length"), "Ticket Data"));
        Octets initiatorData = Octets.wrap(r.bytes(r.u16("Initiator Data length"), "Initiator Data"));
        return new Ticket(policy, ticketData, initiatorData);
    }

    private static long tsValue(MikeyReader r, TsType ts) throws MikeyException {
        return ts.valueOctets() == 8 ? r.u64("TS value") : r.u32("TS value");
    }

    private static TsType tsType(int v) throws MikeyException {
        TsType t = TsType.fromWire(v);
        if (t == null) {
            throw new MikeyException(ErrorNo.INVALID_TS, "TS type " + v);
        }
        return t;
    }

    private static IdType idType(int v) throws MikeyException {
        IdType t = IdType.fromWire(v);
        if (t == null) {
            throw new MikeyException(ErrorNo.INVALID_ID, "ID Type " + v);
        }
        return t;
    }

    static MikeyEncrAlg encrAlg(int v) throws MikeyException {
        MikeyEncrAlg a = MikeyEncrAlg.fromWire(v);
        if (a == null) {
            throw new MikeyException(ErrorNo.INVALID_EA, "Encr alg " + v);
        }
        return a;
    }

    static MikeyMacAlg macAlg(int v) throws MikeyException {
        MikeyMacAlg a = MikeyMacAlg.fromWire(v);
        if (a == null) {
            throw new MikeyException(ErrorNo.INVALID_MAC, "MAC alg " + v);
        }
        return a;
    }

    // ---- encoding

    private static MikeyWriter write(MikeyMessage m) {
        MikeyWriter w = new MikeyWriter();
        Header h = m.header();
        w.u8(Header.VERSION).u8(h.dataType().wireValue()).u8(firstType(m.payloads()))
                .u8((h.v() ? 0x80 : 0) | h.prf().wireValue()).u32(h.csbId())
                .u8(h.csIdMap().csCount()).u8(h.csIdMap().mapType());
        switch (h.csIdMap()) {
            case CsIdMap.SrtpIdMap s -> s.entries().forEach(e -> w.u8(e.policyNo()).u32(e.ssrc()).u32(e.roc()));
            case CsIdMap.EmptyMap e -> { }
            case CsIdMap.GenericIdMap g -> g.sessions().forEach(cs -> {
                w.u8(cs.csId()).u8(cs.protType().value()).u8((cs.s() ? 0x80 : 0) | cs.policyNos().size());
                cs.policyNos().forEach(w::u8);
                w.u16(cs.sessionData().length()).octets(cs.sessionData()).u8(cs.spi().length()).octets(cs.spi());
            });
        }
        writeChain(w, m.payloads(), true);
        return w;
    }

    private static int firstType(List<Payload> payloads) {
        return payloads.isEmpty() ? PayloadType.LAST.wireValue() : payloads.getFirst().type().wireValue();
    }

    private static void writeChain(MikeyWriter w, List<Payload> payloads, boolean topLevel) {
        for (int i = 0; i < payloads.size(); i++) {
            int next = i + 1 < payloads.size() ? payloads.get(i + 1).type().wireValue() : 0;
            writePayload(w, payloads.get(i), next, topLevel);
        }
    }

    private static void writePayload(MikeyWriter w, Payload p, int next, boolean topLevel) {
        w.u8(next);
        switch (p) {
            case Kemac k -> w.u8(k.encrAlg().wireValue()).u16(k.encrData().length()).octets(k.encrData())
                    .u8(k.macAlg().wireValue()).octets(k.mac());
            case Timestamp t -> writeTs(w.u8(t.tsType().wireValue()), t.tsType(), t.value());
            case TimestampWithRole t -> writeTs(w.u8(t.role().wireValue()).u8(t.tsType().wireValue()), t.tsType(),
                    t.value());
            case Id id -> w.u8(id.idType().wireValue()).u16(id.data().length()).octets(id.data());
            case IdWithRole id -> w.u8(id.role().wireValue()).u8(id.idType().wireValue()).u16(id.data().length())
                    .octets(id.data());
            case Verification v -> {
                w.u8(v.authAlg().wireValue());
                if (topLevel) {
                    w.lastMacStart = w.position();
                }
                w.octets(v.mac());
            }
            case SecurityPolicy sp -> {
                int len = sp.params().stream().mapToInt(x -> 2 + x.value().length()).sum();
                w.u8(sp.policyNo()).u8(sp.protType().value()).u16(len);
                sp.params().forEach(x -> w.u8(x.paramType()).u8(x.value().length()).octets(x.value()));
            }
            case Rand rand -> w.u8(rand.rand().length()).octets(rand.rand());
            case RandWithRole rand -> w.u8(rand.role().wireValue()).u8(rand.rand().length()).octets(rand.rand());
            case ErrorPayload e -> w.u8(e.errorNo()).u16(e.reserved());
            case GeneralExtension g -> w.u8(g.extType()).u16(g.data().length()).octets(g.data());
            case TicketPolicy tp -> writePolicy(w, tp);
            case Ticket t -> {
                writePolicy(w, t.policy());
                w.u16(t.ticketData().length()).octets(t.ticketData());
                if (topLevel) {
                    w.initiatorDataStart = w.position();
                }
                w.u16(t.initiatorData().length()).octets(t.initiatorData());
                if (topLevel) {
                    w.initiatorDataEnd = w.position();
                }
            }
        }
    }

    private static void writeTs(MikeyWriter w, TsType type, long value) {
        if (type.valueOctets() == 8) {
            w.u64(value);
        } else {
            w.u32(value);
        }
    }

    private static void writePolicy(MikeyWriter w, TicketPolicy tp) {
        int bits = tp.flags().bits();
        w.u16(tp.ticketType()).u8(tp.subtype()).u8(tp.version())
                .u8((tp.prf().wireValue() << 1) | (bits >>> 11)).u8((bits >>> 3) & 0xFF).u8((bits & 0x7) << 5);
        if (tp.tpData().isEmpty()) {
            w.u16(0);
            return;
        }
        MikeyWriter inner = new MikeyWriter();
        inner.u8(firstType(tp.tpData()));
        writeChain(inner, tp.tpData(), false);
        byte[] data = inner.toByteArray();
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("TP Data: " + data.length + " octets (expected: at most 65535)");
        }
        w.u16(data.length).bytes(data);
    }
}
