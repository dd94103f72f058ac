package org.keygate.sepp.n32f.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.prins.ExampleContexts;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.prins.ReceivedAad;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of what a home SEPP does with an n32f-process body and a visited SEPP with its answer
 * (docs/SECURITY.md), in {@link N32fProcessHandler}'s order: N32fReformattedReqMsg (or RspMsg) from JSON, the
 * metaData peeked from the JWE's aad ({@link ReceivedAad}), then the real protector of the N32-EXAMPLES.md context:
 * JWE header and members, AES-GCM, replay window, aad and plaintext blocks, reconstruction. Contract: a value or an
 * {@link SbiJsonException} from the JSON; the peek gives metaData, nothing, or MESSAGE_RECONSTRUCTION_FAILED for
 * an aad past the JSON limits; then a rebuilt message or an {@link N32fException}
 * naming a TS 29.573 N32fErrorType from the protector; allocation bounded. Corpus: the example's request and
 * response as sent (both decrypt, so the fuzzer starts past AES-GCM) and the hostile bodies of issue 12.
 */
class N32fProcessFuzzTarget {
    @FuzzTest
    void process(byte[] body) {
        AllocationBound.within(body.length, () -> {
            request(body);
            response(body);
        });
    }

    private static void request(byte[] body) {
        N32fReformattedReqMsg message;
        try {
            message = SbiJson.read(body, N32fReformattedReqMsg.class);
        } catch (SbiJsonException e) {
            return;
        }
        if (message == null || message.reformattedData() == null) {
            return;
        }
        Optional<MetaData> meta;
        Optional<ReceivedAad> aad;
        try {
            aad = ReceivedAad.read(message.reformattedData());
            meta = aad.map(ReceivedAad::metaData);
        } catch (N32fException e) {
            // An aad past SbiJson's limits: the message cannot be rebuilt, whatever context it names (issue 12 item 7).
            assertThat(e.type()).isEqualTo(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED);
            return;
        }
        N32fProtector home = ExampleContexts.home();
        try {
            var clear = home.unprotectRequest(message, aad.orElse(null));
            assertThat(clear.message()).isNotNull();
            // Only a JWE whose aad could be read can have verified: the peek and the protector agree.
            assertThat(meta).isPresent();
            assertThat(meta.get().messageId()).isEqualTo(clear.messageId());
        } catch (N32fException e) {
            assertThat(e.type()).isNotNull();
        }
    }

    private static void response(byte[] body) {
        N32fReformattedRspMsg message;
        try {
            message = SbiJson.read(body, N32fReformattedRspMsg.class);
        } catch (SbiJsonException e) {
            return;
        }
        if (message == null) {
            return;
        }
        try {
            var clear = ExampleContexts.visited().unprotectResponse(message, "1");
            assertThat(clear.message()).isNotNull();
        } catch (N32fException e) {
            assertThat(e.type()).isNotNull();
        }
    }
}
