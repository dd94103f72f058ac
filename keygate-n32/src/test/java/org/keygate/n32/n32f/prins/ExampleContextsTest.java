package org.keygate.n32.n32f.prins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;

/**
 * The N32-f fuzz targets start from shared/docs/N32-EXAMPLES.md's messages, computed by an independent
 * implementation: they must open at {@link ExampleContexts}' ends, or the fuzzer would start in front of AES-GCM.
 */
class ExampleContextsTest {
    @Test
    void theExampleRequestOpensAtTheHomeEnd() throws Exception {
        ClearRequest r = ExampleContexts.home().unprotectRequest(SbiJson.read(message(0), N32fReformattedReqMsg.class))
                .message();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(
                "/nudm-ueau/v1/suci-0-001-01-0000-0-0-0000000001/security-information/generate-auth-data");
    }

    @Test
    void theExampleResponseOpensAtTheVisitedEnd() throws Exception {
        ClearResponse r = ExampleContexts.visited().unprotectResponse(
                SbiJson.read(message(1), N32fReformattedRspMsg.class), "1").message();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("supi").asText()).isEqualTo("imsi-001010000000001");
    }

    @Test
    void eachCallStartsWithAFreshReplayWindow() throws Exception {
        N32fReformattedReqMsg m = SbiJson.read(message(0), N32fReformattedReqMsg.class);
        ExampleContexts.home().unprotectRequest(m);
        assertThat(ExampleContexts.home().unprotectRequest(m).messageId()).isEqualTo("1");
    }

    private static byte[] message(int i) throws Exception {
        try (InputStream in = ExampleContextsTest.class.getResourceAsStream("/ts33501-13.2.4.4.1-n32-examples.json")) {
            JsonNode examples = SbiJson.mapper().readTree(in);
            return ("{\"reformattedData\":" + examples.get("messages").get(i).get("reformattedData") + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
