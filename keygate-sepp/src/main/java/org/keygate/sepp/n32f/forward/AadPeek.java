package org.keygate.sepp.n32f.forward;

import java.util.Base64;
import java.util.Optional;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
     * The metaData as written, members that are not strings as null; empty when the aad cannot be read at all
     * (absent, not base64url, not a JSON object): an unreadable JWE, DECIPHERING_FAILED (docs/N32F.md).
     *
     * @throws N32fException MESSAGE_RECONSTRUCTION_FAILED when the aad is JSON past SbiJson's limits (such as
     *     20,000 nested arrays): the JWE may well be genuine, but this SEPP cannot rebuild the message from it; that
     *     is the reason to give, not CONTEXT_NOT_FOUND, which would tell the partner to drop a context that exists
     *     (issue 12 item 7)
     */
    static Optional<MetaData> metaData(FlatJweJson jwe) throws N32fException {
        if (jwe == null || jwe.aad() == null) {
            return Optional.empty();
        }
        JsonNode aad;
        try {
            aad = SbiJson.read(Base64.getUrlDecoder().decode(jwe.aad()), JsonNode.class);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } catch (SbiJsonException e) {
            if (pastLimits(e)) {
                throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                        "the JWE's aad cannot be read: " + e.getMessage());
            }
            return Optional.empty();
        }
        if (aad == null || !aad.isObject()) {
            return Optional.empty();
        }
        JsonNode meta = aad.path("metaData");
        return Optional.of(new MetaData(meta.path("n32fContextId").isTextual() ? meta.path("n32fContextId").asText()
                : null,
                meta.path("messageId").isTextual() ? meta.path("messageId").asText() : null,
                meta.path("authorizedIpxId").isTextual() ? meta.path("authorizedIpxId").asText() : null));
    }

    /** Whether SbiJson refused the aad for its limits (depth, sizes) rather than for its syntax. */
    private static boolean pastLimits(SbiJsonException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }
}
