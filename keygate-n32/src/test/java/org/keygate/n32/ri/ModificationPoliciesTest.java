package org.keygate.n32.ri;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;

class ModificationPoliciesTest {
    private static final String IPX_A = "ipx-a.example.org";
    private static final String IPX_B = "ipx-b.example.org";

    private static ProtectionPolicy policy(IeInfo... ies) {
        return new ProtectionPolicy(List.of(new ApiIeMapping(new TextNode("/nudm-sdm/v2/{supi}/am-data"), "GET",
                List.of(ies))), List.of("UEID"));
    }

    @Test
    void isModifiableAppliesToEveryIntermediary() {
        ModificationPolicy p = ModificationPolicies.derive(policy(
                new IeInfo("BODY", "NONSENSITIVE", "/nfInstanceId", "/amData/gpsis", true, null)), IPX_A);
        assertThat(p.allows("/payload/0/value/nfInstanceId")).isTrue();
        assertThat(p.allows("/payload/3/value/amData/gpsis")).isTrue();
        assertThat(p.allows("/payload/0/value/supi")).isFalse();
        assertThat(p.allows("/payload/0/value/nfInstanceId/x")).isFalse();
    }

    @Test
    void isModifiableByIpxOverridesIsModifiableForTheIntermediaryItNames() {
        IeInfo ie = new IeInfo("BODY", "NONSENSITIVE", "/nfInstanceId", null, true, Map.of(IPX_B, false));
        assertThat(ModificationPolicies.derive(policy(ie), IPX_A).allows("/payload/0/value/nfInstanceId")).isTrue();
        assertThat(ModificationPolicies.derive(policy(ie), IPX_B).modifiablePaths()).isEmpty();
        IeInfo onlyB = new IeInfo("BODY", "NONSENSITIVE", "/nfInstanceId", null, null, Map.of(IPX_B, true));
        assertThat(ModificationPolicies.derive(policy(onlyB), IPX_A).modifiablePaths()).isEmpty();
        assertThat(ModificationPolicies.derive(policy(onlyB), "IPX-B.example.org").modifiablePaths())
                .containsExactly("/payload/*/value/nfInstanceId");
    }

    @Test
    void headersUriPartsAndUnflaggedIesAreNeverModifiable() {
        ModificationPolicy p = ModificationPolicies.derive(policy(
                new IeInfo("HEADER", "NONSENSITIVE", "3gpp-Sbi-Message-Priority", null, true, null),
                new IeInfo("URI_PARAM", "UEID", "supi", null, true, null),
                new IeInfo("BODY", "NONSENSITIVE", "/plmnId", null, null, null),
                new IeInfo("BODY", "NONSENSITIVE", "/x/encBlockIndex", null, true, null)), IPX_A);
        assertThat(p.modifiablePaths()).isEmpty();
        assertThat(ModificationPolicies.derive(null, IPX_A).modifiablePaths()).isEmpty();
    }
}
