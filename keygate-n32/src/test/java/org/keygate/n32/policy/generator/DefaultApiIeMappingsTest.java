package org.keygate.n32.policy.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.policy.DefaultProtectionPolicy;

/** The shipped default mappings are exactly what the generator derives from the Rel-18 OpenAPI files. */
class DefaultApiIeMappingsTest {
    @Test
    void theShippedMappingsAreTheGeneratorsOutput() throws Exception {
        List<ApiIeMapping> generated = ApiIeMappingGenerator.generate(
                OpenApiConformance.sharedDir().resolve("specs/openapi/Rel-18"));
        JsonNode shipped;
        try (InputStream in = DefaultProtectionPolicy.class.getResourceAsStream("default-api-ie-mappings.json")) {
            shipped = SbiJson.mapper().readTree(in);
        }
        assertThat((Object) SbiJson.mapper().valueToTree(generated))
                .as("regenerate with ApiIeMappingGenerator.main if the specs or the generator changed")
                .isEqualTo(shipped);
    }

    @Test
    void theUeauMappingIsTheOneTheExamplesUse() {
        List<ApiIeMapping> generated = ApiIeMappingGenerator.generate(
                OpenApiConformance.sharedDir().resolve("specs/openapi/Rel-18"));
        ApiIeMapping ueau = generated.stream().filter(m -> m.apiSignature().asText()
                .equals("/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data")).findFirst().orElseThrow();
        assertThat(ueau.apiMethod()).isEqualTo("POST");
        assertThat(ueau.ieList()).extracting(ie -> ie.ieLoc() + " " + ie.ieType() + " "
                + (ie.reqIe() != null ? ie.reqIe() : ie.rspIe()))
                .containsExactly("URI_PARAM UEID supiOrSuci", "BODY AUTHENTICATION_MATERIAL /authenticationVector",
                        "BODY UEID /supi");
    }
}
