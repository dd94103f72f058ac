package org.keygate.sepp.n32f.forward;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.MetaData;

/**
 * Reads metaData from a JWE's {@code aad} before anything is verified, only to pick the N32-f context whose keys
 * can verify it (TS 33.501 13.2.4.2: the receiving SEPP finds the context by metaData's N32-f context ID). Nothing
 * read here is trusted: the protector checks the same metaData once the JWE verified.
 *
 * <p>The aad is read as tokens, not as a tree: the protector reads the whole block again once it verified, so building
 * it here too was a second tree per message (issue 10's profiles). The whole aad is still read, with the limits and
 * the duplicate-member check of {@link SbiJson}, so what this accepts is exactly a JSON object.
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
        try (JsonParser p = SbiJson.mapper().createParser(Base64.getUrlDecoder().decode(jwe.aad()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            MetaData meta = new MetaData(null, null, null);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("metaData".equals(name) && value == JsonToken.START_OBJECT) {
                    meta = metaDataObject(p);
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? Optional.of(meta) : Optional.empty();
        } catch (StreamConstraintsException e) {
            throw new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED,
                    "the JWE's aad cannot be read: " + SbiJson.limitMessage(e));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** The members of metaData's object, the parser at its START_OBJECT; leaves it at the matching END_OBJECT. */
    private static MetaData metaDataObject(JsonParser p) throws IOException {
        String contextId = null;
        String messageId = null;
        String authorizedIpxId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String text = value == JsonToken.VALUE_STRING ? p.getText() : null;
            switch (name) {
                case "n32fContextId" -> contextId = text;
                case "messageId" -> messageId = text;
                case "authorizedIpxId" -> authorizedIpxId = text;
                default -> { }
            }
            p.skipChildren();
        }
        return new MetaData(contextId, messageId, authorizedIpxId);
    }
}
