package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.keygate.tls.testing.AllocationBound;

/**
 * Coverage-guided fuzzing of {@link ClientPskScanner} (docs/SECURITY.md), which reads PSK identities from a TLS
 * client's first records before Bouncy Castle does, on every CAPIF-2e AEF and IMS media listener: the records any
 * TCP client can send. Contract: no exception, whatever the records; the identities found are the same whether the
 * octets arrive at once or one at a time (TLS records do not follow TCP segments); each identity fits its
 * {@code opaque<0..2^16-1>} and comes from the input; allocation bounded (the scanner keeps at most
 * {@value ClientPskScanner#MAX_BUFFERED_OCTETS} octets). Corpus: OpenSSL's TLS 1.3 ClientHello with an external PSK
 * (RFC 8446 4.2.11), its TLS 1.2 PSK ClientHello, and a TLS 1.2 ClientKeyExchange with a psk_identity (RFC 4279 2).
 */
class ClientPskScanFuzzTarget {
    @FuzzTest
    void scan(byte[] input) {
        AllocationBound.within(input.length, () -> {
            for (boolean pskKeyExchange : new boolean[] {true, false}) {
                List<String> whole = hex(new ClientPskScanner(() -> pskKeyExchange).feed(input));
                ClientPskScanner octetwise = new ClientPskScanner(() -> pskKeyExchange);
                List<byte[]> found = new ArrayList<>();
                for (byte b : input) {
                    found.addAll(octetwise.feed(new byte[] {b}));
                }
                assertThat(hex(found)).isEqualTo(whole);
                String all = HexFormat.of().formatHex(input);
                for (String identity : whole) {
                    assertThat(identity.length() / 2).isLessThanOrEqualTo(0xFFFF);
                    assertThat(all).contains(identity);
                }
            }
        });
    }

    private static List<String> hex(List<byte[]> identities) {
        return identities.stream().map(HexFormat.of()::formatHex).toList();
    }
}
