package org.keygate.sepp.n32f.forward;

import java.util.Base64;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.n32f.jwe.FlatJweJson;
import org.keygate.sepp.n32f.model.MetaData;

/**
 * Reads metaData from a JWE's {@code aad} before anything is verified, only to pick the N32-f context whose keys
 * can verify it (TS 33.501 13.2.4.2: the receiving SEPP finds the context by metaData's N32-f context ID). Nothing
 * read here is trusted: the protector checks the same metaData once the JWE verified.
 */
final class AadPeek {
    private AadPeek() {}

    static Optional<MetaData> metaData(FlatJweJson jwe) {
        if (jwe == null || jwe.aad() == null) {
            return Optional.empty();
        }
        try {
            JsonNode meta = SbiJson.read(Base64.getUrlDecoder().decode(jwe.aad()), JsonNode.class).path("metaData");
            if (!meta.path("n32fContextId").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new MetaData(meta.path("n32fContextId").asText(),
                    meta.path("messageId").isTextual() ? meta.path("messageId").asText() : null,
                    meta.path("authorizedIpxId").isTextual() ? meta.path("authorizedIpxId").asText() : null));
        } catch (IllegalArgumentException | SbiJsonException e) {
            return Optional.empty();
        }
    }
}
