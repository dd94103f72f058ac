package org.keygate.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The regression vectors of ims-mikey-ticket-notes.md (computed from the RFC text by two independent
 * implementations; inputs TGK = 00..0f, CSB ID = 0x12345678, CS ID = 1, RAND = 10..1f), and multi-block inkeys
 * (computed once with Python's hmac module, an implementation independent of this one).
 */
class MikeyPrfTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecretBytes TGK = SecretBytes.copyOf(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
    private static final byte[] RAND = HEX.parseHex("101112131415161718191a1b1c1d1e1f");
    private static final long CSB_ID = 0x12345678L;

    @Test
    void rfc3830TekFromTgk() {
        byte[] label = MikeyLabel.rfc3830Tgk(1, CSB_ID, RAND).with(MikeyKeyConstant.TEK);
        assertThat(hex(MikeyPrf.MIKEY_1.derive(TGK, label, 16))).isEqualTo("838f7dea3e6c733fb7755a665bfab763");
    }

    @Test
    void rfc3830SaltFromTgk() {
        byte[] label = MikeyLabel.rfc3830Tgk(1, CSB_ID, RAND).with(MikeyKeyConstant.TGK_SALT_KEY);
        assertThat(hex(MikeyPrf.MIKEY_1.derive(TGK, label, 14))).isEqualTo("c8512869cd0d1abaa797c728327b");
    }

    @Test
    void rfc6043TekWithRandRiOnly() {
        MikeyLabel l = MikeyLabel.ticketTgk(1, RAND, null);
        assertThat(HEX.formatHex(l.suffix())).isEqualTo("01ffffffff0310" + HEX.formatHex(RAND) + "00");
        byte[] label = l.with(MikeyKeyConstant.TEK);
        assertThat(hex(MikeyPrf.MIKEY_1.derive(TGK, label, 16))).isEqualTo("deaf177284d04252b70d4f6720adf7fe");
        assertThat(hex(MikeyPrf.PRF_HMAC_SHA_256.derive(TGK, label, 16)))
                .isEqualTo("f367211e8d9f237d741024d21c7aacdb");
    }

    @Test
    void inkeyOfSeveral256BitBlocksIsXoredAcrossBlocks() {
        byte[] big = new byte[80];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (0x40 + i);
        }
        SecretBytes inkey = SecretBytes.copyOf(big);
        assertThat(hex(MikeyPrf.MIKEY_1.derive(inkey, MikeyLabel.rfc3830Tgk(1, CSB_ID, RAND)
                .with(MikeyKeyConstant.TEK), 45)))
                .isEqualTo("a51fab16db7d4872e7bbb5fad609c72ffa6179235273388e4cc71eab8b6b3e842412798fa772cabcfb8796dcf5");
        assertThat(hex(MikeyPrf.PRF_HMAC_SHA_256.derive(inkey, MikeyLabel.ticketTgk(1, RAND, null)
                .with(MikeyKeyConstant.TEK), 70)))
                .isEqualTo("95a75a872e381723a8a5ff83ad97dcc81609c46fef90ed71678733f9fb8023f4953b72ef84a778fcb17cf2b7"
                        + "8c2b7b3e5b9170c6e4c299543d5a7507f042402714170de38535");
    }

    @Test
    void labelsOfRfc6043MessageKeysAndBaseTicket() {
        assertThat(HEX.formatHex(MikeyLabel.ticketMessage(CSB_ID, false, RAND, null).suffix()))
                .isEqualTo("ff1234567801" + "10" + HEX.formatHex(RAND) + "00");
        assertThat(HEX.formatHex(MikeyLabel.ticketMessage(CSB_ID, true, new byte[] {1, 2}, new byte[] {3}).suffix()))
                .isEqualTo("ff123456780202010201" + "03");
        assertThat(HEX.formatHex(MikeyLabel.ticketProtection(new byte[] {9}).suffix())).isEqualTo("ffffffffff050109");
        assertThat(HEX.formatHex(MikeyLabel.mpk(new byte[] {9}).suffix())).isEqualTo("ffffffffff060109");
        assertThat(HEX.formatHex(MikeyLabel.forking(new byte[] {0x61}, new byte[] {7}).suffix()))
                .isEqualTo("ffffffffff0000016101" + "07");
        assertThat(HEX.formatHex(MikeyLabel.initiatorData().suffix())).isEqualTo("ffffffffff04");
        assertThat(HEX.formatHex(MikeyLabel.rfc3830Message(CSB_ID, RAND).with(MikeyKeyConstant.AUTH_KEY)))
                .isEqualTo("2d22ac75ff12345678" + HEX.formatHex(RAND));
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> MikeyLabel.ticketTgk(1, null, null)).hasMessageContaining("RFC 6043 5.1.3");
        assertThatThrownBy(() -> MikeyPrf.MIKEY_1.derive(TGK, RAND, 0)).hasMessageContaining("outOctets: 0");
        assertThatThrownBy(() -> MikeyPrf.MIKEY_1.derive(SecretBytes.copyOf(new byte[0]), RAND, 16))
                .hasMessageContaining("inkey");
        assertThat(MikeyPrf.fromWire(1)).isEqualTo(MikeyPrf.PRF_HMAC_SHA_256);
        assertThat(MikeyPrf.fromWire(2)).isNull();
    }

    private static String hex(SecretBytes s) {
        return HEX.formatHex(s.toByteArray(InsecureSecretAccess.get()));
    }
}
