package org.keygate.crypto.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

class Ts33220KdfTest {
    @Test
    void inputStringIsFcThenEachParameterFollowedByItsTwoOctetLength() {
        byte[] s = Ts33220Kdf.inputString(0x01, List.of(KdfParameter.of(new byte[] {0x0a, 0x0b}),
                KdfParameter.of(new byte[0]), KdfParameter.of(new byte[300])));
        String hex = HexFormat.of().formatHex(s);
        assertThat(hex).startsWith("010a0b0002" + "0000");
        assertThat(hex).endsWith("012c");
        assertThat(s).hasSize(1 + 2 + 2 + 2 + 300 + 2);
    }

    @Test
    void deriveIsHmacSha256OverS() throws Exception {
        byte[] key = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        List<KdfParameter> ps = List.of(KdfParameter.of("abc".getBytes()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal(HexFormat.of().parseHex("ff6162630003"));
        assertThat(Ts33220Kdf.derive(SecretBytes.copyOf(key), 0xff, ps).toByteArray(InsecureSecretAccess.get()))
                .isEqualTo(expected);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> Ts33220Kdf.inputString(0x100, List.of(KdfParameter.of(new byte[1]))))
                .hasMessageContaining("FC");
        assertThatThrownBy(() -> Ts33220Kdf.inputString(1, List.of())).hasMessageContaining("P0");
        assertThatThrownBy(() -> KdfParameter.of(new byte[0x10000])).hasMessageContaining("65535");
    }
}
