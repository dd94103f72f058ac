package org.keygate.ipx.node;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;

/**
 * Whether a body an IPX forwards without modifying it is an N32fReformattedReqMsg in shape: one JSON object, within
 * {@link SbiJson}'s limits, without duplicate members or trailing data, whose {@code reformattedData} is an object
 * (TS 29.573 6.2.5.2.2). Read as tokens, not as a tree: an IPX that modifies nothing only relays the body, and the tree
 * it built to look at one member was the largest allocation of its request path (issue 10).
 */
final class ReformattedMessageScan {
    private ReformattedMessageScan() {}

    /**
     * @return true when the body is a JSON object with a {@code reformattedData} object, false when it is JSON but not
     *     such an object
     * @throws SbiJsonException when it is not JSON, or JSON past the parser's limits, with {@link SbiJson}'s words
     */
    static boolean hasReformattedData(byte[] body) {
        try (JsonParser p = SbiJson.mapper().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SbiJsonException("no JSON value (empty body)", null);
            }
            boolean found = false;
            if (first == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean member = "reformattedData".equals(p.currentName());
                    found |= p.nextToken() == JsonToken.START_OBJECT && member;
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new SbiJsonException("data after the JSON value", null);
            }
            return found;
        } catch (IOException e) {
            throw SbiJson.failure(e);
        }
    }
}
