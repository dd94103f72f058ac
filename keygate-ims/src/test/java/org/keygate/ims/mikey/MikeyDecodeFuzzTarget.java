package org.keygate.ims.mikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link MikeyCodec#decode} (docs/SECURITY.md), the MIKEY(-TICKET) octets a KMS, an MRFC
 * or a UE reads from SDP or from the KMS's HTTP body. Contract: a message whose encoding is exactly the input (the
 * codec decodes only canonical encodings, so a MAC over the decoded message covers the octets received), or a
 * {@link MikeyException} with an ERR number; nothing else, within the allocation bound. The corpus
 * ({@code MikeyDecodeFuzzTargetInputs/decode}) holds RFC 3830 and RFC 6043 messages of every payload type.
 */
class MikeyDecodeFuzzTarget {
    @FuzzTest
    void decode(byte[] input) {
        AllocationBound.within(input.length, () -> decodeOrRefuse(input));
    }

    private static void decodeOrRefuse(byte[] input) {
        try {
            MikeyMessage message = MikeyCodec.decode(input);
            assertThat(MikeyCodec.encode(message)).isEqualTo(input);
            assertThat(MikeyCodec.decode(MikeyCodec.encode(message))).isEqualTo(message);
        } catch (MikeyException e) {
            assertThat(e.errorNo()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(300);
        }
    }
}
