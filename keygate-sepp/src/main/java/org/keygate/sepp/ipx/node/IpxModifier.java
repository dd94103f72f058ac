package org.keygate.sepp.ipx.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.ipx.RiModifier;
import org.keygate.sepp.n32f.model.FlatJwsJson;
import org.keygate.sepp.n32f.model.HttpPayload;
import org.keygate.sepp.n32f.model.N32fReformattedReqMsg;
import org.keygate.sepp.n32f.reformat.EncBlockReferences;

/**
 * The IPX's modification step (TS 33.501 13.2.4.5): when the clear part's {@code metaData.authorizedIpxId} names this
 * IPX, it appends its ES256 JWS over {identity, operations, tag} with {@link RiModifier}, even with no operation
 * (13.2.4.5.1 NOTE 2: without it the receiver could not tell a deleted entry from none). The operations are those of
 * the matching {@link ModificationRule}s, moved from body pointers to DataToIntegrityProtectBlock pointers; one whose
 * target is absent from this message, or holds an {@code encBlockIndex} reference, is left out rather than signed
 * for a receiver that must refuse it. A message naming another RI, or none, passes unchanged.
 *
 * <p>The clear part is read without verifying anything: the IPX holds no N32-f key. A lie in it only leads the
 * receiving SEPP, which verifies, to refuse the message.
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

    /** What was forwarded: the body, and how many operations this IPX signed (-1: it did not sign). */
    record Outcome(byte[] body, int operations) {
        boolean signed() {
            return operations >= 0;
        }
    }

    /**
     * @param message the N32fReformattedReqMsg as received
     * @param original its bytes, forwarded as they are when this IPX does not sign
     * @throws IllegalArgumentException when the message cannot carry a JWS (no reformattedData tag) or the signer's
     *     own policy refuses an operation
     */
    Outcome modify(ObjectNode message, byte[] original) {
        JsonNode aad = clearPart(message);
        String authorized = aad.path("metaData").path("authorizedIpxId").asText("");
        if (!authorized.toLowerCase(Locale.ROOT).equals(providerId.toLowerCase(Locale.ROOT))) {
            return new Outcome(original, -1);
        }
        String method = aad.path("requestLine").path("method").asText("");
        String path = aad.path("requestLine").path("path").asText("");
        List<JsonNode> operations = new ArrayList<>();
        for (ModificationRule rule : rules) {
            if (rule.matches(method, path)) {
                for (JsonNode op : rule.operations()) {
                    JsonNode placed = placed(op, aad);
                    if (placed != null) {
                        operations.add(placed);
                    }
                }
            }
        }
        N32fReformattedReqMsg parsed;
        try {
            parsed = SbiJson.mapper().treeToValue(message, N32fReformattedReqMsg.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an N32fReformattedReqMsg");
        }
        if (parsed.reformattedData() == null || parsed.reformattedData().tag() == null) {
            throw new IllegalArgumentException("reformattedData has no tag to sign over");
        }
        FlatJwsJson jws = signer.modify(parsed, operations).modificationsBlock().getLast();
        ObjectNode out = message.deepCopy();
        JsonNode block = out.get("modificationsBlock");
        ArrayNode entries = block instanceof ArrayNode a ? a : out.putArray("modificationsBlock");
        entries.add(SbiJson.mapper().valueToTree(jws));
        return new Outcome(SbiJson.write(out), operations.size());
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
