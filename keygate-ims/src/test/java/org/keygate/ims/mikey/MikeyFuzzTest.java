package org.keygate.ims.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.crypto.secret.SecretBytes;

/**
 * Random mutations and truncations of valid messages (a fixed seed, a bounded number of iterations): decoding
 * either succeeds with the canonical encoding of the input or ends in a {@link MikeyException}; nothing else
 * escapes, and no error message carries key octets.
 */
class MikeyFuzzTest {
    private static final int ITERATIONS = 20_000;
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void mutatedMessagesGiveOnlyTypedErrors() {
        Random random = new Random(0x6d696b6579L);
        List<byte[]> seeds = MikeyFixtures.all().stream().map(MikeyCodec::encode).toList();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                MikeyMessage m = MikeyCodec.decode(input);
                assertThat(MikeyCodec.encode(m)).isEqualTo(input);
                accepted++;
            } catch (MikeyException e) {
                assertThat(e.errorNo()).isNotNull();
                assertThat(e.getMessage()).hasSizeLessThan(300);
                refused++;
            } catch (RuntimeException e) {
                fail("untyped " + e + " for input " + HEX.formatHex(input), e);
            }
        }
        // Both outcomes occur: the mutations reach past the first field checks.
        assertThat(accepted).isGreaterThan(100);
        assertThat(refused).isGreaterThan(ITERATIONS / 2);
    }

    @Test
    void mutatedKeyDataGivesOnlyTypedErrorsWithoutKeyOctets() {
        Random random = new Random(42);
        byte[] keyOctets = new byte[32];
        Arrays.fill(keyOctets, (byte) 0x5A);
        byte[] plain = KeyDataCodec.encode(List.of(
                KeyData.withSpi(KeyDataType.MPK, SecretBytes.copyOf(keyOctets), MikeyFixtures.seq(1, 4)),
                new KeyData(KeyDataType.TGK_SALT, SecretBytes.copyOf(keyOctets), SecretBytes.copyOf(new byte[14]),
                        new KeyValidity.Interval(MikeyFixtures.seq(0, 6), MikeyFixtures.seq(9, 6)))));
        String keyHex = HEX.formatHex(keyOctets, 0, 4);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(plain, random);
            try {
                List<KeyData> keys = KeyDataCodec.decode(input);
                assertThat(keys.toString()).doesNotContain(keyHex).doesNotContain("90, 90");
            } catch (MikeyException e) {
                assertThat(e.getMessage()).doesNotContain(keyHex).doesNotContain("5a5a").doesNotContain("90, 90");
            } catch (RuntimeException e) {
                fail("untyped " + e, e);
            }
        }
    }

    @Test
    void kemacUnderWrongKeysGivesTypedErrors() {
        SecretBytes psk = SecretBytes.copyOf(new byte[16]);
        MikeyMessageKeys right = keys(psk, 1);
        Kemac kemac = KeyDataCodec.seal(List.of(KeyData.withSpi(KeyDataType.TGK,
                SecretBytes.copyOf(new byte[32]), MikeyFixtures.seq(1, 4))), MikeyEncrAlg.AES_CM_128, right, 7, 9);
        int refused = 0;
        for (int csb = 100; csb < 400; csb++) {
            try {
                KeyDataCodec.open(kemac, keys(psk, csb), csb, 9);
            } catch (MikeyException e) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(250);
    }

    private static MikeyMessageKeys keys(SecretBytes psk, long csbId) {
        return MikeyMessageKeys.derive(MikeyPrf.PRF_HMAC_SHA_256, psk,
                MikeyLabel.ticketMessage(csbId, false, new byte[16], null), MikeyEncrAlg.AES_CM_128,
                MikeyMacAlg.HMAC_SHA_256_256);
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int ops = 1 + random.nextInt(3);
        for (int op = 0; op < ops && b.length > 0; op++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    List<Byte> l = new ArrayList<>();
                    for (byte x : b) {
                        l.add(x);
                    }
                    l.add(at, (byte) random.nextInt(256));
                    b = new byte[l.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = l.get(i);
                    }
                }
                case 4 -> { // a 16-bit length field grown or shrunk
                    if (at + 1 < b.length) {
                        int v = ((b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF)) + random.nextInt(64) - 32;
                        b[at] = (byte) (v >>> 8);
                        b[at + 1] = (byte) v;
                    }
                }
                default -> b[at] = (byte) (random.nextBoolean() ? 0 : 0xFF);
            }
        }
        return b;
    }
}
