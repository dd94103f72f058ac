package org.keygate.crypto.capif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

class AefPskTest {
    private static final SecretBytes MASTER = SecretBytes.copyOf(new byte[48]);
    private static final TlsSessionId SID = new TlsSessionId(new byte[32]);

    @Test
    void p0IsTheNfkcFormOfTheInterface() {
        // U+FF41.. fullwidth letters and U+2126 OHM SIGN normalise under NFKC (UAX #15).
        AefInterfaceId wide = new AefInterfaceId("\uFF41\uFF45\uFF46.example.org", 443, "/\u2126");
        assertThat(new String(wide.p0(), StandardCharsets.UTF_8)).isEqualTo("aef.example.org:443/\u03A9");
        assertThat(HexFormat.of().formatHex(wide.p0())).endsWith("2fcea9"); // Ω as UTF-8
    }

    @Test
    void ipv6IsBracketedOnce() {
        assertThat(new AefInterfaceId("2001:db8::7", 9443, "").text()).isEqualTo("[2001:db8::7]:9443");
        assertThat(new AefInterfaceId("[2001:db8::7]", 9443, "").text()).isEqualTo("[2001:db8::7]:9443");
    }

    @Test
    void keyDependsOnInterfaceAndSession() {
        AefInterfaceId a = new AefInterfaceId("aef.example.org", 443, "");
        SecretBytes k1 = AefPsk.derive(MASTER, a, SID);
        assertThat(k1.length()).isEqualTo(32);
        assertThat(k1.equalsSecret(AefPsk.derive(MASTER, new AefInterfaceId("aef.example.org", 444, ""), SID)))
                .isFalse();
        assertThat(k1.equalsSecret(AefPsk.derive(MASTER, new AefInterfaceId("aef.example.org", 443, "/x"), SID)))
                .isFalse();
        byte[] other = new byte[32];
        other[31] = 1;
        assertThat(k1.equalsSecret(AefPsk.derive(MASTER, a, new TlsSessionId(other)))).isFalse();
    }

    @Test
    void refusesWhatCannotBeACapif1eSession() {
        AefInterfaceId a = new AefInterfaceId("aef.example.org", 443, "");
        assertThatThrownBy(() -> new TlsSessionId(new byte[0])).hasMessageContaining("expected: 32");
        assertThatThrownBy(() -> new TlsSessionId(new byte[16])).hasMessageContaining("expected: 32");
        assertThatThrownBy(() -> AefPsk.derive(SecretBytes.copyOf(new byte[32]), a, SID))
                .hasMessageContaining("expected: 48");
        assertThatThrownBy(() -> new AefInterfaceId("h", 0, "")).hasMessageContaining("port");
        assertThatThrownBy(() -> new AefInterfaceId("h", 1, "x")).hasMessageContaining("apiPrefix");
        assertThatThrownBy(() -> new AefInterfaceId("", 1, "")).hasMessageContaining("host");
    }

    @Test
    void derivedKeyDoesNotPrint() {
        byte[] ms = new byte[48];
        java.util.Arrays.fill(ms, (byte) 0x5a);
        SecretBytes k = AefPsk.derive(SecretBytes.copyOf(ms), new AefInterfaceId("a", 1, ""), SID);
        assertThat(k.toString()).isEqualTo("SecretBytes[32 octets]");
    }
}
