package org.keygate.ipx.node;

import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.ri.RiModifier;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.HttpPayload;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.reformat.EncBlockReferences;

/**
 * The IPX's modification step (TS 33.501 13.2.4.5), on requests and on their answers alike. It signs a message, with
 * {@link RiModifier} (ES256 JWS over {identity, operations, tag}, appended to the modificationsBlock), in two cases:
 *
 * <ul>
 * <li>as the <em>first</em> RI, when the clear part's {@code metaData.authorizedIpxId} names this IPX (the sending
 *     SEPP's RI: the cIPX on a request, the pIPX on an answer);
 * <li>as the <em>second</em> RI, when it passes the message to a SEPP whose operator's RI it is
 *     ({@link ServedSepp#ri}) and exactly one other RI, the authorized one, signed before it (13.2.4.5.2: the pIPX
 *     on a request, the cIPX on an answer). Its rules then see the message as the first RI's patch left it.
 * </ul>
 *
 * It signs even with no operation (13.2.4.5.1 NOTE 2: without it the receiver could not tell a deleted entry from
 * none). The operations are those of the matching {@link ModificationRule}s (answers matched by their request's
 * requestLine), moved from body pointers to DataToIntegrityProtectBlock pointers; one whose target is absent from
 * this message, or holds an {@code encBlockIndex} reference, is left out rather than signed for a receiver that must
 * refuse it. Any other message passes unchanged.
 *
 * <p>The clear part is read without verifying anything: the IPX holds no N32-f key, nor the first RI's key. A lie in
 * it only leads the receiving SEPP, which verifies, to refuse the message.
 */
final class IpxModifier {
    private final String providerId;
    private final RiModifier signer;
    private final List<ModificationRule> rules;

    IpxModifier(String providerId, IpxNodeConfig.Modifications config) {
        this.providerId = providerId;
        this.signer = new RiModifier(providerId, config.signingKey(), config.policy());
        this.rules = config.rules();
    }

    /**
     * What was forwarded: the body, how many operations this IPX signed (-1: it did not sign), and the exchange's
     * request line (what answer rules are matched by; read once, with the clear part).
     */
    record Outcome(byte[] body, int operations, RequestLine line) {
        Outcome(byte[] body, int operations) {
            this(body, operations, null);
        }

        boolean signed() {
            return operations >= 0;
        }
    }

    /** The method and path of the request of an exchange, as its clear part gives them ("" when absent). */
    record RequestLine(String method, String path) {
        static RequestLine of(JsonNode clearPart) {
            return new RequestLine(clearPart.path("requestLine").path("method").asText(""),
                    clearPart.path("requestLine").path("path").asText(""));
        }
    }

    /** As {@link #modify(ObjectNode, byte[], ModificationRule.Message, RequestLine, boolean)} for a request to a SEPP
     * whose RI this IPX is not. */
    Outcome modify(ObjectNode message, byte[] original) {
        return modify(message, original, ModificationRule.Message.REQUEST, null, false);
    }

    /**
     * @param message the N32fReformattedReqMsg or N32fReformattedRspMsg as received
     * @param original its bytes, forwarded as they are when this IPX does not sign
     * @param which whether it is a request or an answer
     * @param exchange the request's method and path; null: read from {@code message} (a request)
     * @param toOwnSepp whether it goes to a SEPP whose operator's RI this IPX is
     * @throws IllegalArgumentException when the message cannot carry a JWS (no reformattedData tag) or the signer's
     *     own policy refuses an operation
     */
    Outcome modify(ObjectNode message, byte[] original, ModificationRule.Message which, RequestLine exchange,
            boolean toOwnSepp) {
        JsonNode aad = clearPart(message);
        String authorized = aad.path("metaData").path("authorizedIpxId").asText("");
        JsonNode block = message.path("modificationsBlock");
        int signedBefore = block.isArray() ? block.size() : 0;
        boolean first = authorized.equalsIgnoreCase(providerId);
        boolean second = !first && toOwnSepp && signedBefore == 1 && !MetaData.NO_IPX.equals(authorized)
                && !authorized.isEmpty();
        RequestLine line = exchange == null ? RequestLine.of(aad) : exchange;
        if (!first && !second) {
            return new Outcome(original, -1, line);
        }
        // TS 33.501 13.2.4.5.2: the second RI determines its changes against the first RI's result.
        JsonNode current = second ? afterFirst(aad, block.get(0)) : aad;
        List<JsonNode> operations = new ArrayList<>();
        for (ModificationRule rule : rules) {
            if (rule.matches(which, line.method(), line.path())) {
                for (JsonNode op : rule.operations()) {
                    JsonNode placed = placed(op, current);
                    if (placed != null) {
                        operations.add(placed);
                    }
                }
            }
        }
        String tag = message.path("reformattedData").path("tag").asText(null);
        if (tag == null) {
            throw new IllegalArgumentException("reformattedData has no tag to sign over");
        }
        FlatJwsJson jws = signer.signature(tag, operations);
        ObjectNode out = message.deepCopy();
        JsonNode outBlock = out.get("modificationsBlock");
        ArrayNode entries = outBlock instanceof ArrayNode a ? a : out.putArray("modificationsBlock");
        entries.add(SbiJson.mapper().valueToTree(jws));
        return new Outcome(SbiJson.write(out), operations.size(), line);
    }

    /**
     * The clear part as the first RI's patch leaves it; unchanged when its JWS or patch cannot be read or applied
     * (this IPX cannot verify it; the receiving SEPP refuses the message then anyway).
     */
    private static JsonNode afterFirst(JsonNode aad, JsonNode firstJws) {
        try {
            JsonNode payload = SbiJson.read(Base64.getUrlDecoder().decode(firstJws.path("payload").asText("")),
                    JsonNode.class);
            JsonNode operations = payload.path("operations");
            return operations.isArray() ? JsonPatch.apply(operations, aad) : aad;
        } catch (IllegalArgumentException | SbiJsonException | JsonPatchApplicationException e) {
            return aad;
        }
    }

    /** The DataToIntegrityProtectBlock from the JWE's {@code aad}; a missing node when unreadable. */
    private static JsonNode clearPart(ObjectNode message) {
        String aad = message.path("reformattedData").path("aad").asText(null);
        if (aad == null) {
            return SbiJson.mapper().missingNode();
        }
        try {
            return SbiJson.read(Base64.getUrlDecoder().decode(aad), JsonNode.class);
        } catch (IllegalArgumentException | SbiJsonException e) {
            return SbiJson.mapper().missingNode();
        }
    }

    /**
     * {@code op} with its body pointer moved under the BODY payload entry that holds it (keygate writes the body as
     * one entry at iePath "", DESIGN.md; any granularity is found), or null when this message gives it no target.
     */
    private static JsonNode placed(JsonNode op, JsonNode aad) {
        String pointer = op.path("path").asText();
        JsonNode payload = aad.path("payload");
        int best = -1;
        String bestPath = null;
        for (int i = 0; i < payload.size(); i++) {
            JsonNode entry = payload.get(i);
            String iePath = entry.path("iePath").asText(null);
            if (!HttpPayload.BODY.equals(entry.path("ieValueLocation").asText()) || iePath == null) {
                continue;
            }
            boolean holds = iePath.isEmpty() || pointer.equals(iePath) || pointer.startsWith(iePath + "/");
            if (holds && (bestPath == null || iePath.length() > bestPath.length())) {
                best = i;
                bestPath = iePath;
            }
        }
        if (best < 0) {
            return null;
        }
        String target = "/payload/" + best + "/value" + pointer.substring(bestPath.length());
        String name = op.path("op").asText();
        // RFC 6902 4.1: add needs the parent; replace, remove and test need the target itself (4.2, 4.3, 4.6).
        String mustExist = name.equals("add") ? target.substring(0, target.lastIndexOf('/')) : target;
        JsonNode existing = aad.at(mustExist);
        if (existing.isMissingNode() || EncBlockReferences.mentioned(aad.at(target))) {
            return null;
        }
        ObjectNode moved = op.deepCopy();
        moved.put("path", target);
        return moved;
    }
}
