package org.keygate.sepp.n32c.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.n32c.N32cCauses;
import org.keygate.sepp.n32c.N32cRejection;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of the N32-c request bodies a SEPP accepts from any TLS client of its N32-c listener
 * (docs/SECURITY.md), through {@link N32cRequestDecoder}: JSON, mapping, then the mandatory IEs and their patterns
 * ({@code N32cMessageChecks}). The first input octet picks the message (TS 29.573 6.1.5: SecNegotiateReqData,
 * SecParamExchReqData, N32fContextInfo, N32fErrorInfo), the rest is the body. Contract: a checked message that
 * writes to JSON decoding to the same message, or an {@link N32cRejection} whose ProblemDetails is a 400 with one of
 * the TS 29.573 / TS 29.500 causes for malformed input; nothing else; allocation bounded. Corpus: messages of the
 * handshake as keygate sends them and the hostile bodies of issue 12.
 */
class N32cDecodeFuzzTarget {
    private static final List<Class<?>> MESSAGES =
            List.of(SecNegotiateReqData.class, SecParamExchReqData.class, N32fContextInfo.class, N32fErrorInfo.class);
    private static final List<String> CAUSES = List.of(N32cCauses.INVALID_MSG_FORMAT,
            N32cCauses.MANDATORY_IE_MISSING, N32cCauses.MANDATORY_IE_INCORRECT);

    @FuzzTest
    void decode(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Class<?> type = MESSAGES.get(Byte.toUnsignedInt(input[0]) % MESSAGES.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        AllocationBound.within(input.length, () -> decodeOrRefuse(type, body));
    }

    private static void decodeOrRefuse(Class<?> type, byte[] body) {
        SbiRequest request = new SbiRequest("POST", "/n32c-handshake/v1/exchange-capability",
                SbiHeaders.of("content-type", "application/json"), body);
        try {
            Object message = N32cRequestDecoder.decode(request, type);
            SbiRequest again = new SbiRequest(request.method(), request.path(), request.headers(),
                    SbiJson.write(message));
            assertThat(N32cRequestDecoder.decode(again, type)).isEqualTo(message);
        } catch (N32cRejection e) {
            ProblemDetails p = e.problem();
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.cause()).isIn(CAUSES);
            assertThat(p.detail()).isNotBlank().hasSizeLessThan(400).doesNotContain("Exception");
        }
    }
}
