package org.keygate.sepp.n32f.forward;

import java.util.Base64;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.n32f.N32fErrorType;
import org.keygate.sepp.n32f.N32fException;
import org.keygate.sepp.n32f.jwe.FlatJweJson;
import org.keygate.sepp.n32f.model.MetaData;

/**
 * Reads metaData from a JWE's {@code aad} before anything is verified, only to pick the N32-f context whose keys
 * can verify it (TS 33.501 13.2.4.2: the receiving SEPP finds the context by metaData's N32-f context ID). Nothing
 * read here is trusted: the protector checks the same metaData once the JWE verified.
 */
final class AadPeek {
    private AadPeek() {}

    /**
     * metaData, or empty when the aad names no context; throws MESSAGE_RECONSTRUCTION_FAILED when the aad cannot be
     * read at all (not base64url, not JSON, or JSON past SbiJson's limits such as 20,000 nested arrays): that is the
     * reason to give, not CONTEXT_NOT_FOUND, which would tell the partner to drop a context that exists (issue 12
     * item 7).
     */
    static Optional<MetaData> metaData(FlatJweJson jwe) throws N32fException {
        if (jwe == null || jwe.aad() == null) {
            return Optional.empty();
        }
        JsonNode aad;
        try {
            aad = SbiJson.read(Base64.getUrlDecoder().decode(jwe.aad()), JsonNode.class);
        } catch (IllegalArgumentException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, "the JWE's aad is not base64url");
        } catch (SbiJsonException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                    "the JWE's aad cannot be read: " + e.getMessage());
        }
        JsonNode meta = aad == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : aad.path("metaData");
        if (!meta.path("n32fContextId").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new MetaData(meta.path("n32fContextId").asText(),
                meta.path("messageId").isTextual() ? meta.path("messageId").asText() : null,
                meta.path("authorizedIpxId").isTextual() ? meta.path("authorizedIpxId").asText() : null));
    }
}
