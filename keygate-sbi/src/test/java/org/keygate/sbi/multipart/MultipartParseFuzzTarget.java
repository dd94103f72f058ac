package org.keygate.sbi.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link MultipartRelated#parse} (docs/SECURITY.md), the multipart/related bodies the SBI
 * carries N1/N2 contents in (TS 29.500 6.1.2.4) and PRINS splits into binary parts. Input: the Content-Type up to
 * the first LF, the body after it. Contract: a value whose encoding parses back to the same parts (header fields and
 * octets), or a {@link MultipartException}; at most {@link MultipartRelated#MAX_PARTS} parts; allocation bounded.
 * Corpus: TS 29.518 N1N2MessageTransfer-shaped bodies (JSON root, N1 and N2 binary parts).
 */
class MultipartParseFuzzTarget {
    @FuzzTest
    void parse(byte[] input) {
        int lf = indexOfLf(input);
        String contentType = new String(input, 0, lf, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(input, Math.min(lf + 1, input.length), input.length);
        AllocationBound.within(input.length, () -> {
            try {
                MultipartRelated parsed = MultipartRelated.parse(contentType, body);
                assertThat(parsed.parts()).hasSizeLessThanOrEqualTo(MultipartRelated.MAX_PARTS);
                MultipartRelated again = MultipartRelated.parse(parsed.contentType(), parsed.encode());
                assertThat(again.parts()).hasSameSizeAs(parsed.parts());
                for (int i = 0; i < parsed.parts().size(); i++) {
                    assertThat(again.parts().get(i).headers()).isEqualTo(parsed.parts().get(i).headers());
                    assertThat(again.parts().get(i).body()).isEqualTo(parsed.parts().get(i).body());
                }
            } catch (MultipartException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(200);
            }
        });
    }

    private static int indexOfLf(byte[] input) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                return i;
            }
        }
        return input.length;
    }
}
