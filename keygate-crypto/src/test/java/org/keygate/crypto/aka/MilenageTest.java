package org.keygate.crypto.aka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/** MILENAGE against the test sets of TS 35.207 (file named after the clause), each failure labelled. */
class MilenageTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyFunctionMatchesTheTestSets() throws IOException {
        List<String> failures = new ArrayList<>();
        List<String[]> sets = sets();
        assertThat(sets).hasSize(6);
        for (String[] t : sets) {
            Milenage m = Milenage.withOp(key(t[1]), key(t[5]));
            byte[] rand = HEX.parseHex(t[2]);
            byte[] sqn = HEX.parseHex(t[3]);
            byte[] amf = HEX.parseHex(t[4]);
            Milenage.F2345 f = m.f2345(rand);
            check(failures, t[0], "OPc", hex(m.opc()), t[6]);
            check(failures, t[0], "f1", HEX.formatHex(m.f1(rand, sqn, amf)), t[7]);
            check(failures, t[0], "f1*", HEX.formatHex(m.f1Star(rand, sqn, amf)), t[8]);
            check(failures, t[0], "f2", HEX.formatHex(f.res()), t[9]);
            check(failures, t[0], "f5", HEX.formatHex(f.ak()), t[10]);
            check(failures, t[0], "f3", hex(f.ck()), t[11]);
            check(failures, t[0], "f4", hex(f.ik()), t[12]);
            check(failures, t[0], "f5*", HEX.formatHex(m.f5Star(rand)), t[13]);
            // The same subscriber given OPc directly computes the same MAC.
            Milenage byOpc = Milenage.withOpc(key(t[1]), key(t[6]));
            check(failures, t[0], "f1 via OPc", HEX.formatHex(byOpc.f1(rand, sqn, amf)), t[7]);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void wrongLengthsAreRefused() {
        Milenage m = Milenage.withOpc(SecretBytes.copyOf(new byte[16]), SecretBytes.copyOf(new byte[16]));
        assertThatThrownBy(() -> m.f2345(new byte[15])).hasMessageContaining("RAND: 15 octets");
        assertThatThrownBy(() -> m.f1(new byte[16], new byte[5], new byte[2])).hasMessageContaining("SQN: 5 octets");
        assertThatThrownBy(() -> m.f1(new byte[16], new byte[6], new byte[3])).hasMessageContaining("AMF: 3 octets");
        assertThatThrownBy(() -> Milenage.withOpc(SecretBytes.copyOf(new byte[15]), SecretBytes.copyOf(new byte[16])))
                .hasMessageContaining("K: 15 octets");
    }

    @Test
    void keysStayOutOfToString() {
        byte[] k = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
        Milenage m = Milenage.withOpc(SecretBytes.copyOf(k), key("cd63cb71954a9f4e48a5994e37a02baf"));
        Milenage.F2345 f = m.f2345(HEX.parseHex("23553cbe9637a89d218ae64dae47bf35"));
        assertThat(m + " " + f).doesNotContain("465b5ce8", "cd63cb71", "b40ba9a3", "f769bcd7");
    }

    private static void check(List<String> failures, String set, String function, String got, String expected) {
        if (!got.equals(expected)) {
            failures.add("set " + set + " " + function + ": " + got + " (expected " + expected + ")");
        }
    }

    static List<String[]> sets() throws IOException {
        try (InputStream in = MilenageTest.class.getResourceAsStream("/aka/ts35207-test-sets-1-6.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.trim().split("\\s+")).toList();
        }
    }

    static SecretBytes key(String hex) {
        return SecretBytes.copyOf(HEX.parseHex(hex));
    }

    private static String hex(SecretBytes s) {
        return HEX.formatHex(s.toByteArray(InsecureSecretAccess.get()));
    }
}
