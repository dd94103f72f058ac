package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.HttpHeader;
import org.keygate.n32.n32f.model.HttpPayload;
import org.keygate.n32.n32f.model.RequestLine;

/**
 * The receiving SEPP's reconstruction (TS 33.501 13.2.4.7, DESIGN.md "Payload"): places each BODY entry's value at
 * its iePath in order, creating parents; fills path and query placeholders from URI_PATH and URI_PARAM entries;
 * replaces every {@code {"encBlockIndex": n}} by {@code dataToEncrypt[n]}. Accepts any granularity of entries.
 *
 * <p>Every encrypted value must be referenced exactly once: a reference out of range, a second reference to one
 * value (copied) or a value nobody references is MESSAGE_RECONSTRUCTION_FAILED / INVALID_INDEX_TO_ENCRYPTED_BLOCK;
 * a pointer that cannot be applied is INVALID_JSON_POINTER; a header whose value is not a string is
 * INVALID_HTTP_HEADER (TS 29.573 FailureReason). Stateless; no I/O.
 */
public final class N32fReconstructor {
    static final String INVALID_JSON_POINTER = "INVALID_JSON_POINTER";
    static final String INVALID_INDEX = "INVALID_INDEX_TO_ENCRYPTED_BLOCK";
    static final String INVALID_HTTP_HEADER = "INVALID_HTTP_HEADER";

    private final List<JsonNode> data;
    private final BitSet used = new BitSet();

    private N32fReconstructor(DataToIntegrityProtectAndCipherBlock encrypted) {
        this.data = encrypted.dataToEncrypt() == null ? List.of() : encrypted.dataToEncrypt();
    }

    public static ClearRequest request(DataToIntegrityProtectBlock block, DataToIntegrityProtectAndCipherBlock encrypted)
            throws N32fException {
        RequestLine line = block.requestLine();
        if (line == null || line.method() == null || line.path() == null) {
            throw failed(null, "a request needs a requestLine with method and path");
        }
        N32fReconstructor r = new N32fReconstructor(encrypted);
        Map<String, String> pathValues = r.strings(block.payload(), HttpPayload.URI_PATH);
        Map<String, String> queryValues = r.strings(block.payload(), HttpPayload.URI_PARAM);
        String path = r.fillPath(line.path(), pathValues);
        String query = r.fillQuery(line.queryFragment(), queryValues);
        List<Map.Entry<String, String>> headers = r.headers(block.headers());
        JsonNode body = r.body(block.payload());
        List<BinaryPart> parts = r.binaryParts(block.payload());
        r.checkAllUsed();
        return new ClearRequest(line.method(), line.scheme(), line.authority(), path, query, headers, body, parts);
    }

    public static ClearResponse response(DataToIntegrityProtectBlock block,
            DataToIntegrityProtectAndCipherBlock encrypted) throws N32fException {
        if (block.statusLine() == null) {
            throw failed(null, "a response needs a statusLine");
        }
        N32fReconstructor r = new N32fReconstructor(encrypted);
        int status = status(block.statusLine());
        List<Map.Entry<String, String>> headers = r.headers(block.headers());
        JsonNode body = r.body(block.payload());
        List<BinaryPart> parts = r.binaryParts(block.payload());
        r.checkAllUsed();
        return new ClearResponse(status, headers, body, parts);
    }

    /** DESIGN.md: "200"; receivers also accept "HTTP/2 200". */
    private static int status(String line) throws N32fException {
        String code = line.trim();
        int space = code.lastIndexOf(' ');
        if (space >= 0) {
            code = code.substring(space + 1);
        }
        try {
            int status = Integer.parseInt(code);
            if (status >= 100 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw failed(null, "statusLine is not an HTTP status");
    }

    private Map<String, String> strings(List<HttpPayload> payload, String location) throws N32fException {
        Map<String, String> out = new HashMap<>();
        if (payload == null) {
            return out;
        }
        for (HttpPayload p : payload) {
            if (p != null && location.equals(p.ieValueLocation())) {
                if (p.iePath() == null || !p.iePath().startsWith("/") || p.iePath().indexOf('/', 1) >= 0) {
                    throw failed(INVALID_JSON_POINTER, location + " entries name one parameter, as /name");
                }
                JsonNode v = resolve(p.value());
                if (!v.isTextual()) {
                    throw failed(INVALID_JSON_POINTER, location + " value of " + p.iePath() + " is not a string");
                }
                out.put(p.iePath().substring(1), v.asText());
            }
        }
        return out;
    }

    private String fillPath(String path, Map<String, String> values) throws N32fException {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                String value = values.remove(s.substring(1, s.length() - 1));
                if (value == null) {
                    throw failed(INVALID_JSON_POINTER, "path placeholder " + s + " has no URI_PATH entry");
                }
                segments[i] = value;
            }
        }
        if (!values.isEmpty()) {
            throw failed(INVALID_JSON_POINTER, "URI_PATH entries without a placeholder in the path: " + values.keySet());
        }
        return String.join("/", segments);
    }

    private String fillQuery(String query, Map<String, String> values) throws N32fException {
        if (query == null) {
            if (!values.isEmpty()) {
                throw failed(INVALID_JSON_POINTER, "URI_PARAM entries without a query");
            }
            return null;
        }
        String[] params = query.split("&", -1);
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            if (eq > 0 && params[i].substring(eq + 1).equals("{" + params[i].substring(0, eq) + "}")) {
                String value = values.remove(params[i].substring(0, eq));
                if (value == null) {
                    throw failed(INVALID_JSON_POINTER, "query placeholder " + params[i] + " has no URI_PARAM entry");
                }
                params[i] = params[i].substring(0, eq + 1) + value;
            }
        }
        if (!values.isEmpty()) {
            throw failed(INVALID_JSON_POINTER, "URI_PARAM entries without a placeholder in the query");
        }
        return String.join("&", params);
    }

    private List<Map.Entry<String, String>> headers(List<HttpHeader> headers) throws N32fException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (headers == null) {
            return out;
        }
        for (HttpHeader h : headers) {
            if (h == null || h.header() == null || h.header().isEmpty()) {
                throw failed(INVALID_HTTP_HEADER, "a header without a name");
            }
            JsonNode v = resolve(h.value());
            if (!v.isTextual()) {
                throw failed(INVALID_HTTP_HEADER, "header " + h.header() + " has no string value");
            }
            out.add(Map.entry(h.header(), v.asText()));
        }
        return out;
    }

    private List<BinaryPart> binaryParts(List<HttpPayload> payload) throws N32fException {
        List<BinaryPart> out = new ArrayList<>();
        if (payload == null) {
            return out;
        }
        for (HttpPayload p : payload) {
            if (p == null || !HttpPayload.MULTIPART_BINARY.equals(p.ieValueLocation())) {
                continue;
            }
            JsonNode v = resolve(p.value());
            if (p.iePath() == null || p.iePath().isEmpty() || !v.path("contentType").isTextual()
                    || !v.path("data").isTextual()) {
                throw failed(INVALID_JSON_POINTER, "a MULTIPART_BINARY entry needs a Content-ID, contentType and data");
            }
            try {
                out.add(new BinaryPart(p.iePath(), v.get("contentType").asText(),
                        java.util.Base64.getDecoder().decode(v.get("data").asText())));
            } catch (IllegalArgumentException e) {
                throw failed(INVALID_JSON_POINTER, "MULTIPART_BINARY data is not base64");
            }
        }
        return out;
    }

    private JsonNode body(List<HttpPayload> payload) throws N32fException {
        JsonNode root = null;
        if (payload == null) {
            return null;
        }
        for (HttpPayload p : payload) {
            if (p == null || !HttpPayload.BODY.equals(p.ieValueLocation())) {
                continue;
            }
            JsonNode value = resolveDeep(p.value());
            JsonPointer pointer;
            try {
                pointer = JsonPointer.compile(p.iePath() == null ? "" : p.iePath());
            } catch (IllegalArgumentException e) {
                throw failed(INVALID_JSON_POINTER, "a BODY iePath is not a JSON pointer");
            }
            root = JsonPlacement.place(root, pointer, value);
        }
        return root;
    }

    /** {@code value} with every reference inside it replaced by its encrypted value. */
    private JsonNode resolveDeep(JsonNode value) throws N32fException {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (EncBlockReferences.isReference(value)) {
            return resolve(value);
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (var it = value.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                out.set(e.getKey(), resolveDeep(e.getValue()));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : value) {
                out.add(resolveDeep(element));
            }
            return out;
        }
        return value;
    }

    /** The value itself, or the encrypted value a reference points to (each at most once). */
    private JsonNode resolve(JsonNode value) throws N32fException {
        if (!EncBlockReferences.isReference(value)) {
            return value == null ? JsonNodeFactory.instance.nullNode() : value;
        }
        JsonNode index = value.get(EncBlockReferences.ENC_BLOCK_INDEX);
        if (!index.canConvertToInt() || !index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= data.size()) {
            throw failed(INVALID_INDEX, "encBlockIndex out of range");
        }
        if (used.get(index.asInt())) {
            throw failed(INVALID_INDEX, "encBlockIndex " + index.asInt() + " is referenced twice");
        }
        used.set(index.asInt());
        return data.get(index.asInt());
    }

    private void checkAllUsed() throws N32fException {
        if (used.cardinality() != data.size()) {
            throw failed(INVALID_INDEX, "an encrypted value is referenced nowhere");
        }
    }

    private static N32fException failed(String reason, String message) {
        return new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, reason, message);
    }
}
