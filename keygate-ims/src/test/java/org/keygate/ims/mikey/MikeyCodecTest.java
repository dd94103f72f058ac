package org.keygate.ims.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyPrf;

class MikeyCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyFixtureRoundTrips() throws MikeyException {
        for (MikeyMessage m : MikeyFixtures.all()) {
            byte[] wire = MikeyCodec.encode(m);
            assertThat(MikeyCodec.decode(wire)).as(m.dataType().name()).isEqualTo(m);
        }
    }

    /** Assembled by hand from the field diagrams of RFC 3830 6.1, 6.6, 6.9 and RFC 6043 6.1.1, 6.8. */
    @Test
    void wireLayoutMatchesTheRfcDiagrams() throws MikeyException {
        String wire = "010e05" + "01" + "12345678" + "01" + "02"   // HDR: v1, TRANSFER_INIT, next T, V=0 PRF=1
                + "01" + "02" + "01" + "00" + "0000" + "04" + "aabbccdd" // GENERIC-ID: CS 1, TLS, #P 1, policy 0
                + "0f" + "00" + "0102030405060708"                        // T: next RANDR, NTP-UTC
                + "09" + "01" + "10" + "101112131415161718191a1b1c1d1e1f" // RANDR: next V, RANDRi, 16 octets
                + "00" + "02" + "00".repeat(32);                          // V: last, HMAC-SHA-256-256
        MikeyMessage m = MikeyCodec.decode(HEX.parseHex(wire));
        assertThat(m.header().prf()).isEqualTo(MikeyPrf.PRF_HMAC_SHA_256);
        assertThat(m.header().v()).isFalse();
        CsIdMap.GenericIdMap map = (CsIdMap.GenericIdMap) m.header().csIdMap();
        assertThat(map.sessions().getFirst().protType()).isEqualTo(ProtType.TLS);
        assertThat(map.sessions().getFirst().spi()).isEqualTo(Octets.of(HEX.parseHex("aabbccdd")));
        assertThat(m.payloads()).containsExactly(new Timestamp(TsType.NTP_UTC, 0x0102030405060708L),
                new RandWithRole(RandRole.RANDRI, MikeyFixtures.seq(0x10, 16)),
                new Verification(MikeyMacAlg.HMAC_SHA_256_256, Octets.of(new byte[32])));
        assertThat(HEX.formatHex(MikeyCodec.encode(m))).isEqualTo(wire);
        // The MAC covers all but the MAC field.
        assertThat(MikeyCodec.macCoverage(m)).hasSize(wire.length() / 2 - 32);
    }

    @Test
    void ticketFlagsAndPrfSitWhereRfc6043PutsThem() throws MikeyException {
        TicketPolicy p = new TicketPolicy(2, 3, 4, MikeyPrf.PRF_HMAC_SHA_256,
                new TicketFlags(true, false, false, false, false, false, false, false, false, false, false, true),
                List.of());
        MikeyMessage m = new MikeyMessage(new Header(DataType.REQUEST_INIT_PSK, false, MikeyPrf.MIKEY_1, 1,
                new CsIdMap.EmptyMap(0)), List.of(p));
        // NP 0, type 0002, subtype 03, version 04, PRF 1 << 1 | D, E..L 0, M N O=001 Res 0 -> 0x20, TP Data len 0
        assertThat(HEX.formatHex(MikeyCodec.encode(m))).endsWith("00" + "0002" + "03" + "04" + "03" + "00" + "20"
                + "0000");
        assertThat(MikeyCodec.decode(MikeyCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void transferInitMacLeavesOutInitiatorData() {
        MikeyMessage m = MikeyFixtures.transferInit();
        List<Payload> ps = new ArrayList<>(m.payloads());
        Ticket t = (Ticket) ps.get(5);
        ps.set(5, new Ticket(t.policy(), t.ticketData(), MikeyFixtures.seq(1, 9)));
        MikeyMessage withInitiatorData = new MikeyMessage(m.header(), ps);
        assertThat(MikeyCodec.macCoverage(withInitiatorData)).isEqualTo(MikeyCodec.macCoverage(m));
        assertThat(MikeyCodec.encode(withInitiatorData)).hasSize(MikeyCodec.encode(m).length + 9);
        // Any other data type covers it.
        MikeyMessage resp = new MikeyMessage(new Header(DataType.TRANSFER_RESP, false, MikeyPrf.MIKEY_1, 1,
                new CsIdMap.EmptyMap(0)), ps);
        assertThat(MikeyCodec.macCoverage(resp)).hasSize(MikeyCodec.encode(resp).length - 32);
    }

    @Test
    void refusalsCarryTheErrNumber() {
        byte[] ok = MikeyCodec.encode(MikeyFixtures.error());
        assertErr(new byte[0], ErrorNo.UNSPECIFIED_ERROR, "empty");
        assertErr(java.util.Arrays.copyOf(ok, ok.length - 1), ErrorNo.UNSPECIFIED_ERROR, "truncated at V Ver data");
        assertErr(java.util.Arrays.copyOf(ok, ok.length + 1), ErrorNo.UNSPECIFIED_ERROR, "1 octets after");
        assertErr(with(ok, 0, 2), ErrorNo.UNSPECIFIED_ERROR, "version 2");
        assertErr(with(ok, 1, 99), ErrorNo.INVALID_DT, "data type 99");
        assertErr(with(ok, 3, 5), ErrorNo.INVALID_PRF, "PRF func 5");
        assertErr(with(ok, 9, 7), ErrorNo.UNSPECIFIED_ERROR, "CS ID map type 7");
        assertErr(with(ok, 2, 18), ErrorNo.UNSPECIFIED_ERROR, "unknown payload type 18");
        assertErr(with(ok, 2, 2), ErrorNo.UNSPECIFIED_ERROR, "PKE is not supported");
        assertErr(with(ok, 11, 9), ErrorNo.INVALID_TS, "TS type 9");
        assertErr(new byte[MikeyCodec.MAX_MESSAGE_OCTETS + 1], ErrorNo.UNSPECIFIED_ERROR, "limit 8192");
        // V payload with an unknown Auth alg
        assertErr(with(ok, ok.length - 33, 7), ErrorNo.INVALID_MAC, "MAC alg 7");
        // ERR Reserved is kept, so a non-zero value still round-trips
        byte[] errReserved = with(ok, ok.length - 35, 1);
        assertThat(catchDecode(errReserved)).isNull();
    }

    @Test
    void ticketReservedBitsAndNestingAreRefused() {
        byte[] ok = MikeyCodec.encode(MikeyFixtures.requestInit());
        int tp = indexOf(ok, HEX.parseHex("0001010103")); // type 1, subtype 1, version 1, PRF 1, D
        assertThat(tp).isPositive();
        assertErr(with(ok, tp + 6, ok[tp + 6] | 0x01), ErrorNo.INVALID_TPPAR, "Res bits");
        assertErr(with(ok, tp + 4, 0x21), ErrorNo.INVALID_TPPAR, "PRF Func 16");
        assertThatThrownBy(() -> new TicketPolicy(1, 1, 1, MikeyPrf.MIKEY_1, MikeyFixtures.policy().flags(),
                List.of(MikeyFixtures.policy()))).hasMessageContaining("cannot nest");
    }

    @Test
    void tooManyPayloadsAreRefused() {
        List<Payload> many = new ArrayList<>();
        for (int i = 0; i <= MikeyCodec.MAX_PAYLOADS; i++) {
            many.add(new Rand(MikeyFixtures.seq(i, 16)));
        }
        byte[] wire = MikeyCodec.encode(new MikeyMessage(MikeyFixtures.error().header(), many));
        assertErr(wire, ErrorNo.UNSPECIFIED_ERROR, "more than 32 payloads");
    }

    @Test
    void recordsRefuseValuesThatDoNotFitTheirField() {
        assertThatThrownBy(() -> new Rand(Octets.of(new byte[256]))).hasMessageContaining("RAND length: 256");
        assertThatThrownBy(() -> new Timestamp(TsType.COUNTER, 1L << 32)).hasMessageContaining("32 bits");
        assertThatThrownBy(() -> new Verification(MikeyMacAlg.HMAC_SHA_1_160, Octets.of(new byte[3])))
                .hasMessageContaining("expected: 20");
        assertThatThrownBy(() -> new CryptoSession(256, ProtType.TLS, false, List.of(), Octets.EMPTY, Octets.EMPTY))
                .hasMessageContaining("CS ID");
    }

    @Test
    void ticketFlagRulesOfRfc6043() {
        TicketFlags ok = MikeyFixtures.policy().flags();
        assertThat(ok.brokenRule()).isNull();
        assertThat(new TicketFlags(true, true, false, true, true, false, false, false, false, false, true, true)
                .brokenRule()).isEqualTo("G implies F");
        assertThat(new TicketFlags(false, true, true, true, true, false, false, false, false, false, true, true)
                .brokenRule()).isEqualTo("NOT D implies L");
    }

    static void assertErr(byte[] wire, ErrorNo expected, String text) {
        MikeyException e = catchDecode(wire);
        assertThat(e).as(text).isNotNull();
        assertThat(e.errorNo()).as(e.getMessage()).isEqualTo(expected);
        assertThat(e.getMessage()).contains(text);
    }

    static MikeyException catchDecode(byte[] wire) {
        try {
            MikeyCodec.decode(wire);
            return null;
        } catch (MikeyException e) {
            return e;
        }
    }

    private static byte[] with(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
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
