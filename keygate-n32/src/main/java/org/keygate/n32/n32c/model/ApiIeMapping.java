package org.keygate.n32.n32c.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * TS 29.573 6.1.6.2.5 ApiIeMapping. {@code apiSignature} is a oneOf (a Uri string or a CallbackName object), so
 * it is kept as the JSON the peer sent.
 */
public record ApiIeMapping(
        JsonNode apiSignature,
        String apiMethod,
        // The OpenAPI name breaks TS 29.501 naming (kept by 3GPP for backward compatibility).
        @JsonProperty("IeList") List<IeInfo> ieList) {

    public ApiIeMapping {
        ieList = ModelLists.copy(ieList);
    }
}
