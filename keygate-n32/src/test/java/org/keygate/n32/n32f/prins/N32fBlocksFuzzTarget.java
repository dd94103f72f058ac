package org.keygate.n32.n32f.prins;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.SbiClearMessages;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing behind AES-GCM (docs/SECURITY.md): what an authenticated partner, or anyone holding a
 * context's keys, can make a home SEPP rebuild. The input is DataToIntegrityProtectBlock JSON (the aad), a NUL octet,
 * then DataToIntegrityProtectAndCipherBlock JSON (the plaintext); the target encrypts them with the
 * N32-EXAMPLES.md request key as a partner would, and the home SEPP's protector verifies, decrypts and rebuilds the
 * request (metaData, requestLine, headers, payload with JSON pointers and encBlockIndex references, TS 33.501
 * 13.2.4.4). Contract: a {@link ClearRequest} that can be sent to an NF as it is, or an {@link N32fException}
 * (MESSAGE_RECONSTRUCTION_FAILED, CONTEXT_NOT_FOUND, ...); nothing else; allocation bounded. Corpus: the example's
 * blocks and those of the reformatting tests (query, multipart binary parts, encrypted headers).
 */
class N32fBlocksFuzzTarget {
    @FuzzTest
    void rebuild(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        byte[] aad = Arrays.copyOfRange(input, 0, nul);
        byte[] plaintext = Arrays.copyOfRange(input, Math.min(nul + 1, input.length), input.length);
        AllocationBound.within(input.length, () -> {
            N32fReformattedReqMsg message =
                    new N32fReformattedReqMsg(ExampleContexts.requestSender().encrypt(aad, plaintext), null);
            try {
                ClearRequest clear = ExampleContexts.home().unprotectRequest(message).message();
                assertThat(SbiClearMessages.toSbi(clear)).isNotNull();
            } catch (N32fException e) {
                assertThat(e.type()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }
}
