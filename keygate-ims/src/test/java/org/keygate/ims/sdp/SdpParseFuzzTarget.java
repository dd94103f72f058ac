package org.keygate.ims.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link SdpCodec#parse} (docs/SECURITY.md), the SDP an MRFC reads from SIP INVITEs and
 * answers (JAIN-SIP's parser, then keygate's checks of the TCP/TLS media, a=setup, a=key-mgmt and the MSRP/BFCP
 * attributes). Contract: a {@link SecureMediaSdp} whose a=path elements are MSRP URIs and that writes back
 * to an SDP parsing to the same value, or an {@link SdpException}, whatever the parser underneath throws; allocation bounded. Corpus: keygate's offers and
 * answers for MSRP and BFCP media (RFC 4975 8.1, RFC 4583) with MIKEY in a=key-mgmt (RFC 4567).
 */
class SdpParseFuzzTarget {
    @FuzzTest
    void parse(byte[] input) {
        AllocationBound.within(input.length, () -> {
            try {
                SecureMediaSdp sdp = SdpCodec.parse(input);
                // What the MRFC reads from an accepted offer: each a=path element an MSRP URI (RFC 4975 9).
                for (TcpMedia m : sdp.media()) {
                    m.msrpPath().ifPresent(p -> List.of(p.trim().split(" ")).forEach(MsrpUri::parse));
                }
                // SIP carries SDP as UTF-8 (RFC 3261 7.4.1, RFC 4566 5).
                String written = SdpCodec.write(sdp);
                assertThat(SdpCodec.parse(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(sdp);
            } catch (SdpException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }
}
