package org.keygate.sbi.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link SbiJson#read} (docs/SECURITY.md), the one JSON reader of every SBI body, into a
 * tree and into TS 29.571 ProblemDetails (what a SEPP reads from a partner's or an NF's error answer). Contract: a
 * value that writes back to JSON reading to the same value, or an {@link SbiJsonException} whose message, shown to
 * the peer, names no Java class (issue 12 item 8) and stays short; allocation bounded. Corpus: ProblemDetails of
 * TS 29.573 and TS 29.500 5.2.7 answers, deeply nested and duplicated-member JSON.
 */
class SbiJsonReadFuzzTarget {
    /** Java names that must not reach a peer, unless the peer sent them itself (a member name is echoed). */
    private static final List<String> JAVA_NAMES = List.of("com.fasterxml", "java.", "org.keygate", "Exception");

    @FuzzTest
    void read(byte[] input) {
        AllocationBound.within(input.length, () -> {
            readBack(input, JsonNode.class);
            readBack(input, ProblemDetails.class);
        });
    }

    private static <T> void readBack(byte[] input, Class<T> type) {
        try {
            T value = SbiJson.read(input, type);
            assertThat(SbiJson.read(SbiJson.write(value), type)).isEqualTo(value);
        } catch (SbiJsonException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(300);
            String sent = new String(input, StandardCharsets.UTF_8);
            for (String name : JAVA_NAMES) {
                if (!sent.contains(name)) {
                    assertThat(e.getMessage()).doesNotContain(name);
                }
            }
        }
    }
}
