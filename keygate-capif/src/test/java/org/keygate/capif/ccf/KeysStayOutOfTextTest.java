package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.capif.model.AccessTokenRsp;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;

/** DESIGN.md: keys never reach toString. AEFPSK travels in authenticationInfo; tokens in AccessTokenRsp. */
class KeysStayOutOfTextTest {
    @Test
    void securityInformationAndTokensPrintNoSecret() {
        String psk = java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex("a55ac33c9669f00f".repeat(4)));
        var s = new SecurityInformation(null, "AEF1", "API1", List.of(SecurityMethod.PSK), SecurityMethod.PSK, psk,
                "API1");
        assertThat(s.toString()).doesNotContain(psk).doesNotContain(psk.substring(0, 8)).contains("AEF1");
        var t = new AccessTokenRsp("eyJhbGciOiJFUzI1NiJ9.payload.signature", "Bearer", 600, "3gpp#A:b");
        assertThat(t.toString()).doesNotContain("eyJ").doesNotContain("signature");
        var c = AefPskKeysTest.session(0x5a);
        assertThat(c.toString()).doesNotContain("5a5a5a5a").doesNotContain("SecretBytes");
    }
}
