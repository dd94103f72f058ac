package org.keygate.crypto.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The AEFPSK vectors of {@code CAPIF-EXAMPLES.md} (computed by an implementation independent of keygate), read from
 * the shared docs, and each one recomputed a second way with plain JCA HMAC over a hand-built S.
 */
class CapifExamplesAefPskTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String name, String masterSecret, String sessionId, String p0, String s, String aefPsk) {}

    static List<Vector> vectors() throws IOException {
        Path doc = Path.of(System.getProperty("keygate.shared", "../../shared"), "docs", "CAPIF-EXAMPLES.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## (Vector \\d+)\\s*```\\s*master secret \\(48\\)\\s+(\\S+)\\s+session ID \\(32\\)\\s+(\\S+)"
                + "\\s+P0\\s+(\\S+)\\s+S\\s+(\\S+)\\s+AEFPSK\\s+(\\S+)").matcher(text);
        List<Vector> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Vector(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)));
        }
        return out;
    }

    /** "host:port/prefix" back into the record, the way a CCF gets it from an InterfaceDescription. */
    static AefInterfaceId parse(String p0) {
        int slash = p0.indexOf('/');
        String authority = slash < 0 ? p0 : p0.substring(0, slash);
        String prefix = slash < 0 ? "" : p0.substring(slash);
        int colon = authority.lastIndexOf(':');
        return new AefInterfaceId(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)),
                prefix);
    }

    @Test
    void theDocumentHasThreeVectors() throws IOException {
        assertThat(vectors()).extracting(Vector::name).containsExactly("Vector 1", "Vector 2", "Vector 3");
    }

    @Test
    void inputStringAndKeyMatchEveryVector() throws IOException {
        for (Vector v : vectors()) {
            AefInterfaceId aef = parse(v.p0());
            assertThat(new String(aef.p0(), StandardCharsets.UTF_8)).as(v.name()).isEqualTo(v.p0());
            TlsSessionId sid = TlsSessionId.fromHex(v.sessionId());
            assertThat(HEX.formatHex(AefPsk.inputString(aef, sid))).as(v.name() + " S").isEqualTo(v.s());
            SecretBytes psk = AefPsk.derive(SecretBytes.copyOf(HEX.parseHex(v.masterSecret())), aef, sid);
            assertThat(HEX.formatHex(psk.toByteArray(InsecureSecretAccess.get()))).as(v.name() + " AEFPSK")
                    .isEqualTo(v.aefPsk());
        }
    }

    @Test
    void independentJcaRecomputationAgrees() throws Exception {
        for (Vector v : vectors()) {
            byte[] p0 = v.p0().getBytes(StandardCharsets.UTF_8);
            byte[] p1 = HEX.parseHex(v.sessionId());
            java.nio.ByteBuffer s = java.nio.ByteBuffer.allocate(1 + p0.length + 2 + p1.length + 2);
            s.put((byte) 0x7A).put(p0).putShort((short) p0.length).put(p1).putShort((short) p1.length);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HEX.parseHex(v.masterSecret()), "HmacSHA256"));
            byte[] expected = mac.doFinal(s.array());
            SecretBytes psk = AefPsk.derive(SecretBytes.copyOf(HEX.parseHex(v.masterSecret())), parse(v.p0()),
                    TlsSessionId.fromHex(v.sessionId()));
            assertThat(psk.toByteArray(InsecureSecretAccess.get())).as(v.name()).isEqualTo(expected);
        }
    }
}
