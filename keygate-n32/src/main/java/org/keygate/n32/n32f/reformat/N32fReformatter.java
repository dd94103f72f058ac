package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.HttpHeader;
import org.keygate.n32.n32f.model.HttpPayload;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.RequestLine;

/**
 * The sending SEPP's reformatting (TS 33.501 13.2.4.3, TS 29.573 6.2, DESIGN.md "Payload" and "Path and query"):
 * a message in the clear becomes a DataToIntegrityProtectBlock and a DataToIntegrityProtectAndCipherBlock.
 *
 * <ul>
 * <li>Encrypted values leave their place for {@code {"encBlockIndex": n}}, n counting in this order: path
 *     variables, query parameters, headers, body IEs (in the plan's order).
 * <li>The JSON body is one BODY entry with iePath "" (a top-level array: one entry per element, "/0", "/1"...).
 * <li>An encrypted path variable is written {@code {name}} in requestLine.path with a URI_PATH entry
 *     {@code /name}; an encrypted query parameter {@code name={name}} with a URI_PARAM entry.
 * <li>Each binary part of a multipart body is a MULTIPART_BINARY entry, iePath its Content-ID, value
 *     {@code {"contentType": ..., "data": <base64>}}, the whole value encrypted when the plan says so.
 * <li>Pseudo-headers, connection-specific headers, content-length and 3gpp-Sbi-Target-apiRoot (removed in PRINS
 *     mode, TS 33.501 13.1.1.2) are not carried.
 * </ul>
 *
 * Stateless; no I/O.
 */
public final class N32fReformatter {
    /** RFC 9113 8.2.2 connection-specific fields, plus what HTTP/2 or PRINS carry elsewhere. */
    static final Set<String> NOT_CARRIED = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "host", "content-length", "3gpp-sbi-target-apiroot");

    private N32fReformatter() {}

    public static Reformatted request(ClearRequest r, EncryptionPlan plan, MetaData meta)
            throws UnprotectableMessageException {
        refuseEncBlockIndex(r.body());
        EncBlocks enc = new EncBlocks();
        List<HttpPayload> payload = new ArrayList<>();
        String path = path(r.path(), plan, enc, payload);
        String query = query(r.query(), plan, enc, payload);
        List<HttpHeader> headers = headers(r.headers(), plan, enc);
        payload.addAll(body(r.body(), plan, enc));
        payload.addAll(binaryParts(r.binaryParts(), plan, enc));
        RequestLine line = new RequestLine(r.method(), r.scheme(), r.authority(), path, RequestLine.HTTP_2, query);
        return new Reformatted(new DataToIntegrityProtectBlock(meta, line, null, headers, payload),
                new DataToIntegrityProtectAndCipherBlock(enc.values()));
    }

    public static Reformatted response(ClearResponse r, EncryptionPlan plan, MetaData meta)
            throws UnprotectableMessageException {
        refuseEncBlockIndex(r.body());
        EncBlocks enc = new EncBlocks();
        List<HttpHeader> headers = headers(r.headers(), plan, enc);
        List<HttpPayload> payload = new ArrayList<>(body(r.body(), plan, enc));
        payload.addAll(binaryParts(r.binaryParts(), plan, enc));
        return new Reformatted(new DataToIntegrityProtectBlock(meta, null, String.valueOf(r.status()), headers,
                payload), new DataToIntegrityProtectAndCipherBlock(enc.values()));
    }

    private static void refuseEncBlockIndex(JsonNode body) throws UnprotectableMessageException {
        if (EncBlockReferences.mentioned(body)) {
            throw new UnprotectableMessageException(
                    "the NF's JSON contains encBlockIndex, which a sending SEPP must reject (TS 33.501 5.9.3.2)");
        }
    }

    private static String path(String path, EncryptionPlan plan, EncBlocks enc, List<HttpPayload> payload)
            throws UnprotectableMessageException {
        if (plan.pathVariables().isEmpty()) {
            return path;
        }
        String[] actual = path.split("/", -1);
        String[] template = plan.pathTemplate().split("/", -1);
        if (actual.length != template.length) {
            throw new UnprotectableMessageException("the request path does not match the template of its API");
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            boolean variable = t.startsWith("{") && t.endsWith("}");
            String name = variable ? t.substring(1, t.length() - 1) : null;
            if (!variable && !t.equals(actual[i])) {
                throw new UnprotectableMessageException("the request path does not match the template of its API");
            }
            if (variable && plan.pathVariables().contains(name)) {
                payload.add(new HttpPayload("/" + name, HttpPayload.URI_PATH, enc.move(TextNode.valueOf(actual[i]))));
                actual[i] = t;
            }
        }
        return String.join("/", actual);
    }

    private static String query(String query, EncryptionPlan plan, EncBlocks enc, List<HttpPayload> payload) {
        if (query == null || plan.queryParameters().isEmpty()) {
            return query;
        }
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            String name = eq < 0 ? params[i] : params[i].substring(0, eq);
            if (eq >= 0 && plan.queryParameters().contains(name)) {
                payload.add(new HttpPayload("/" + name, HttpPayload.URI_PARAM,
                        enc.move(TextNode.valueOf(params[i].substring(eq + 1)))));
                params[i] = name + "={" + name + "}";
            }
        }
        return String.join("&", params);
    }

    private static List<HttpHeader> headers(List<Map.Entry<String, String>> headers, EncryptionPlan plan,
            EncBlocks enc) {
        List<HttpHeader> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || NOT_CARRIED.contains(name)) {
                continue;
            }
            JsonNode value = TextNode.valueOf(h.getValue());
            out.add(new HttpHeader(name, plan.headers().contains(name) ? enc.move(value) : value));
        }
        return out;
    }

    private static List<HttpPayload> binaryParts(List<BinaryPart> parts, EncryptionPlan plan, EncBlocks enc) {
        List<HttpPayload> out = new ArrayList<>();
        for (BinaryPart p : parts) {
            ObjectNode value = JsonNodeFactory.instance.objectNode().put("contentType", p.contentType())
                    .put("data", Base64.getEncoder().encodeToString(p.data()));
            out.add(new HttpPayload(p.contentId(), HttpPayload.MULTIPART_BINARY,
                    plan.encrypts(p) ? enc.move(value) : value));
        }
        return out;
    }

    private static List<HttpPayload> body(JsonNode body, EncryptionPlan plan, EncBlocks enc) {
        if (body == null || body.isMissingNode()) {
            return List.of();
        }
        JsonNode copy = body.deepCopy();
        for (String pointer : plan.bodyPointers()) {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode target = copy.at(p);
            if (target.isMissingNode() || p.matches()) {
                continue; // the IE is absent from this message (or the pointer is the root, refused below)
            }
            JsonNode parent = copy.at(p.head());
            String last = p.last().getMatchingProperty();
            if (parent instanceof ObjectNode o) {
                o.set(last, enc.move(target));
            } else if (parent instanceof ArrayNode a) {
                a.set(p.last().getMatchingIndex(), enc.move(target));
            }
        }
        if (copy instanceof ArrayNode array) {
            List<HttpPayload> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                out.add(new HttpPayload("/" + i, HttpPayload.BODY, array.get(i)));
            }
            return out;
        }
        return List.of(new HttpPayload("", HttpPayload.BODY, copy));
    }
}
