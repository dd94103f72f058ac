package org.keygate.crypto.hkdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * RFC 5869 Appendix A read straight from the RFC text in shared/specs/rfc (no transcription): every test case with
 * Hash = SHA-256 (A.1 to A.3). Each value's declared "(n octets)" is checked so a page break cannot truncate one.
 */
class Rfc5869AppendixATest {
    private static final Pattern CASE = Pattern.compile("^A\\.(\\d+)\\.\\s+Test Case");
    private static final Pattern FIELD = Pattern.compile("^\\s+(Hash|IKM|salt|info|L|PRK|OKM)\\s+=\\s+(.*)$");
    private static final Pattern MORE = Pattern.compile("^\\s+([0-9a-f]+)(\\s+\\((\\d+) octets\\))?\\s*$");
    private static final Pattern VALUE = Pattern.compile("^(?:0x([0-9a-f]+))?\\s*(?:\\((\\d+) octets\\))?$");

    private static final String ABSENT = "absent";

    @Test
    void everySha256CaseOfAppendixA() throws Exception {
        Path rfc = Path.of(System.getProperty("keygate.shared", "../../shared"), "specs/rfc/rfc5869.txt");
        List<Map<String, String>> cases = parse(Files.readAllLines(rfc));
        List<String> failures = new ArrayList<>();
        int sha256 = 0;
        HexFormat hex = HexFormat.of();
        for (Map<String, String> c : cases) {
            if (!"SHA-256".equals(c.get("Hash"))) {
                continue;
            }
            sha256++;
            SecretBytes prk = HkdfSha256.extract(
                    ABSENT.equals(c.get("salt")) ? null : hex.parseHex(c.get("salt")), SecretBytes.copyOf(hex.parseHex(c.get("IKM"))));
            String gotPrk = hex.formatHex(prk.toByteArray(InsecureSecretAccess.get()));
            String gotOkm = hex.formatHex(HkdfSha256.expand(prk, hex.parseHex(c.get("info")),
                    Integer.parseInt(c.get("L"))).toByteArray(InsecureSecretAccess.get()));
            if (!gotPrk.equals(c.get("PRK"))) {
                failures.add("A." + c.get("case") + ": PRK");
            }
            if (!gotOkm.equals(c.get("OKM"))) {
                failures.add("A." + c.get("case") + ": OKM");
            }
        }
        assertThat(sha256).as("SHA-256 cases found in the RFC").isEqualTo(3);
        assertThat(failures).isEmpty();
    }

    private static List<Map<String, String>> parse(List<String> lines) {
        List<Map<String, String>> cases = new ArrayList<>();
        Map<String, String> current = null;
        String field = null;
        StringBuilder value = new StringBuilder();
        for (String line : lines) {
            Matcher m;
            if ((m = CASE.matcher(line)).find()) {
                current = new HashMap<>();
                current.put("case", m.group(1));
                cases.add(current);
                field = null;
            } else if (current != null && (m = FIELD.matcher(line)).matches()) {
                field = m.group(1);
                String rest = m.group(2).strip();
                if (rest.startsWith("not provided")) {
                    current.put(field, ABSENT); // A.7: RFC 5869 2.2's absent salt
                    field = null;
                    continue;
                }
                if (field.equals("Hash") || field.equals("L")) {
                    current.put(field, rest);
                    field = null;
                    continue;
                }
                Matcher v = VALUE.matcher(rest);
                assertThat(v.matches()).as(line).isTrue();
                value.setLength(0);
                value.append(v.group(1) == null ? "" : v.group(1));
                current.put(field, value.toString());
                if (v.group(2) != null) {
                    checkLength(field, value, v.group(2));
                    field = null;
                }
            } else if (current != null && field != null && (m = MORE.matcher(line)).matches()) {
                value.append(m.group(1));
                current.put(field, value.toString());
                if (m.group(3) != null) {
                    checkLength(field, value, m.group(3));
                    field = null;
                }
            }
        }
        return cases;
    }

    private static void checkLength(String field, CharSequence hex, String octets) {
        assertThat(hex.length()).as(field + " length").isEqualTo(2 * Integer.parseInt(octets));
    }
}
