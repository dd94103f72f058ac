package org.keygate.ims.mikey;

import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyPrf;

/** Messages that use every payload the codec supports, for round trips, fuzzing and tshark. */
final class MikeyFixtures {
    private MikeyFixtures() {}

    static Octets seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return Octets.of(b);
    }

    static TicketPolicy policy() {
        return new TicketPolicy(TicketPolicy.MIKEY_BASE_TICKET, 1, 1, MikeyPrf.PRF_HMAC_SHA_256,
                new TicketFlags(true, true, true, true, true, false, false, false, false, false, true, true),
                List.of(IdWithRole.uri(IdRole.IDRKMS, "sip:kms@ims.example.org"),
                        IdWithRole.uri(IdRole.IDRI, "sip:mrfc@ims.example.org"),
                        new TimestampWithRole(TsRole.TRS, TsType.NTP_UTC_32, 0xE9000000L),
                        new TimestampWithRole(TsRole.TRE, TsType.NTP_UTC_32, 0xE9001000L),
                        new Kemac(MikeyEncrAlg.NULL, Octets.EMPTY, MikeyMacAlg.NULL, Octets.EMPTY),
                        IdWithRole.uri(IdRole.IDRR, "sip:alice@ims.example.org")));
    }

    static MikeyMessage transferInit() {
        CryptoSession cs = new CryptoSession(1, ProtType.TLS, false, List.of(0), Octets.EMPTY, seq(0xA0, 4));
        Header h = new Header(DataType.TRANSFER_INIT, true, MikeyPrf.PRF_HMAC_SHA_256, 0x12345678L,
                new CsIdMap.GenericIdMap(List.of(cs)));
        return new MikeyMessage(h, List.of(
                new Timestamp(TsType.NTP_UTC, 0xE900000012345678L),
                new RandWithRole(RandRole.RANDRI, seq(0x10, 16)),
                IdWithRole.uri(IdRole.IDRI, "sip:mrfc@ims.example.org"),
                IdWithRole.uri(IdRole.IDRR, "sip:alice@ims.example.org"),
                new SecurityPolicy(0, ProtType.TLS, List.of(new SecurityPolicy.Param(0, seq(1, 1)))),
                new Ticket(policy(), seq(0x30, 40), Octets.EMPTY),
                new Verification(MikeyMacAlg.HMAC_SHA_256_256, seq(0x50, 32))));
    }

    /** A message of RFC 3830 payloads only, which every MIKEY dissector knows. */
    static MikeyMessage rfc3830Only() {
        Header h = new Header(DataType.PRE_SHARED, true, MikeyPrf.MIKEY_1, 0xCAFEBABEL,
                new CsIdMap.SrtpIdMap(List.of(new CsIdMap.SrtpId(0, 0x11223344L, 0))));
        return new MikeyMessage(h, List.of(
                new Timestamp(TsType.NTP_UTC, 0xE900000012345678L),
                new Rand(seq(0x10, 16)),
                new Id(IdType.URI, Octets.ofUtf8("sip:alice@ims.example.org")),
                new SecurityPolicy(0, ProtType.SRTP, List.of(new SecurityPolicy.Param(0, seq(1, 1)),
                        new SecurityPolicy.Param(1, seq(16, 1)))),
                new GeneralExtension(0, Octets.ofUtf8("keygate")),
                new Kemac(MikeyEncrAlg.AES_CM_128, seq(0x60, 24), MikeyMacAlg.HMAC_SHA_1_160, seq(0x70, 20))));
    }

    static MikeyMessage error() {
        Header h = new Header(DataType.ERROR, false, MikeyPrf.PRF_HMAC_SHA_256, 0x12345678L,
                new CsIdMap.EmptyMap(0));
        return new MikeyMessage(h, List.of(new Timestamp(TsType.COUNTER, 7), ErrorPayload.of(ErrorNo.INVALID_TICKET),
                new Verification(MikeyMacAlg.HMAC_SHA_256_256, seq(0x50, 32))));
    }

    static MikeyMessage requestInit() {
        Header h = new Header(DataType.REQUEST_INIT_PSK, true, MikeyPrf.PRF_HMAC_SHA_256, 0x01020304L,
                new CsIdMap.EmptyMap(0));
        return new MikeyMessage(h, List.of(new Timestamp(TsType.NTP_UTC, 0xE900000012345678L),
                new RandWithRole(RandRole.RANDRI, seq(0x10, 16)),
                IdWithRole.uri(IdRole.IDRI, "sip:mrfc@ims.example.org"),
                IdWithRole.uri(IdRole.IDRKMS, "sip:kms@ims.example.org"),
                policy(),
                new IdWithRole(IdRole.IDRPSK, IdType.BYTE_STRING, seq(0, 8)),
                new Verification(MikeyMacAlg.HMAC_SHA_1_160, seq(0x50, 20))));
    }

    /** A RESOLVE_RESP without RANDRkms: HDR, T, IDRkms, KEMAC, IDRr, V (all payload types tshark 4.0 knows). */
    static MikeyMessage resolveResp() {
        Header h = new Header(DataType.RESOLVE_RESP, false, MikeyPrf.MIKEY_1, 0x0A0B0C0DL, new CsIdMap.EmptyMap(0));
        return new MikeyMessage(h, List.of(new Timestamp(TsType.NTP_UTC, 0xE900000012345678L),
                IdWithRole.uri(IdRole.IDRKMS, "sip:kms@ims.example.org"),
                new Kemac(MikeyEncrAlg.AES_CM_128, seq(0x60, 40), MikeyMacAlg.NULL, Octets.EMPTY),
                IdWithRole.uri(IdRole.IDRR, "sip:alice@ims.example.org"),
                new Verification(MikeyMacAlg.HMAC_SHA_1_160, seq(0x50, 20))));
    }

    static List<MikeyMessage> all() {
        return List.of(transferInit(), rfc3830Only(), error(), requestInit(), resolveResp());
    }
}
