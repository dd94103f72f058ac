package org.keygate.ims.mikey;

import java.util.ArrayList;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyPrf;

/** The decoding half of {@link MikeyCodec}: fields read in RFC order, every value checked as it is read. */
final class MikeyDecoder {
    private MikeyDecoder() {}

    static Header readHeader(MikeyReader r, int[] next) throws MikeyException {
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

    static List<Payload> readChain(MikeyReader r, int first, boolean topLevel) throws MikeyException {
        List<Payload> payloads = new ArrayList<>();
        int next = first;
        while (next != PayloadType.LAST.wireValue()) {
            if (payloads.size() == MikeyCodec.MAX_PAYLOADS) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "more than " + MikeyCodec.MAX_PAYLOADS + " payloads");
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

}
