package org.keygate.n32.n32f.reformat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.keygate.n32.n32f.model.JsonTokenTrees;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.multipart.MimePart;
import org.keygate.sbi.multipart.MultipartException;
import org.keygate.sbi.multipart.MultipartRelated;

/**
 * Between SBI messages as HTTP carries them and their clear form ({@link ClearRequest}, {@link ClearResponse}) that
 * PRINS reformats: a JSON body becomes a tree, a multipart/related body its JSON root part plus binary parts
 * (TS 29.500 6.1.2.4). Headers that describe the body's framing (Content-Length, and Content-Type of a multipart
 * body, whose boundary is per encoding) are dropped and rewritten on the way back; everything else is kept as is.
 */
public final class SbiClearMessages {
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");
    private static final String JSON = "application/json";

    private SbiClearMessages() {}

    /**
     * The clear form of an NF's request to the target apiRoot's {@code scheme} and {@code authority} (TS 33.501
     * 13.1.1.2); the request's own path and query are kept.
     */
    public static ClearRequest request(SbiRequest request, String scheme, String authority)
            throws UnprotectableMessageException {
        String path = request.pathWithoutQuery();
        int q = request.path().indexOf('?');
        Body body = body(request.headers(), request.body());
        return new ClearRequest(request.method(), scheme, authority, path,
                q < 0 ? null : request.path().substring(q + 1), body.headers, body.json, body.binaryParts, body.wire);
    }

    public static ClearResponse response(SbiResponse response) throws UnprotectableMessageException {
        Body body = body(response.headers(), response.body());
        return new ClearResponse(response.status(), body.headers, body.json, body.binaryParts, body.wire);
    }

    /**
     * An answer whose body this SEPP neither reads nor changes (TLS mode, TS 33.501 13.1.1: the partner gets it as the
     * NF sent it): kept unparsed, {@code body} null and {@code wire} the octets as received (JSON or multipart, with
     * its Content-Type); parsing it served nobody and cost a tenth of the home SEPP's time per request (issue 10).
     */
    public static ClearResponse responseAsReceived(SbiResponse response) throws UnprotectableMessageException {
        byte[] raw = response.body();
        if (raw == null || raw.length == 0) {
            return response(response);
        }
        String contentType = response.headers().first("content-type").orElse(null);
        if (contentType == null || !isJson(contentType) && !MultipartRelated.isMultipartRelated(contentType)) {
            throw new UnprotectableMessageException("a body of type " + contentType + " cannot cross N32-f");
        }
        return new ClearResponse(response.status(), framingRemoved(response.headers(), false), null, List.of(), raw);
    }

    /** The request as an HTTP message for the target NF: path and query, headers, body. */
    public static SbiRequest toSbi(ClearRequest request) {
        String path = request.query() == null ? request.path() : request.path() + "?" + request.query();
        Encoded e = encode(request.headers(), request.body(), request.binaryParts(), request.wire());
        return new SbiRequest(request.method(), path, e.headers, e.body);
    }

    public static SbiResponse toSbi(ClearResponse response) {
        Encoded e = encode(response.headers(), response.body(), response.binaryParts(), response.wire());
        return new SbiResponse(response.status(), e.headers, e.body);
    }

    /** {@code wire}: the raw JSON body {@code json} was parsed from (null for multipart or no body). */
    private record Body(List<Map.Entry<String, String>> headers, JsonNode json, List<BinaryPart> binaryParts,
            byte[] wire) {}

    private record Encoded(SbiHeaders headers, byte[] body) {}

    private static Body body(SbiHeaders headers, byte[] raw) throws UnprotectableMessageException {
        String contentType = headers.first("content-type").orElse(null);
        boolean multipart = MultipartRelated.isMultipartRelated(contentType);
        List<Map.Entry<String, String>> kept = framingRemoved(headers, multipart);
        if (raw == null || raw.length == 0) {
            return new Body(kept, null, List.of(), null);
        }
        if (multipart) {
            return multipart(kept, contentType, raw);
        }
        if (contentType == null || !isJson(contentType)) {
            // TS 29.500 6.1.2.4: the SBI carries JSON or multipart/related with a JSON root; nothing else crosses N32.
            throw new UnprotectableMessageException("a body of type " + contentType + " cannot cross N32-f");
        }
        return new Body(kept, json(raw), List.of(), raw);
    }

    /** The headers without HTTP framing, and without Content-Type when the body is re-encoded as multipart. */
    private static List<Map.Entry<String, String>> framingRemoved(SbiHeaders headers, boolean multipart) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers.entries()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!FRAMING.contains(name) && !(multipart && name.equals("content-type"))) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static Body multipart(List<Map.Entry<String, String>> kept, String contentType, byte[] raw)
            throws UnprotectableMessageException {
        MultipartRelated m;
        try {
            m = MultipartRelated.parse(contentType, raw);
        } catch (MultipartException e) {
            throw new UnprotectableMessageException("multipart body: " + e.getMessage());
        }
        JsonNode root = null;
        List<BinaryPart> binary = new ArrayList<>();
        for (MimePart part : m.parts()) {
            String type = part.contentType().orElse("application/octet-stream");
            if (root == null && isJson(type)) {
                root = json(part.body());
            } else {
                String id = part.contentId().orElseThrow(() -> new UnprotectableMessageException(
                        "a binary part without Content-ID cannot be referenced (TS 29.500 6.1.2.4)"));
                binary.add(new BinaryPart(id, type, part.body()));
            }
        }
        return new Body(kept, root, binary, null);
    }

    private static Encoded encode(List<Map.Entry<String, String>> headers, JsonNode json, List<BinaryPart> parts,
            byte[] wire) {
        SbiHeaders out = new SbiHeaders(headers);
        if (parts.isEmpty()) {
            if (wire != null) {
                // Passed on unchanged: the bytes it came in, not the tree written again (or never parsed).
                return new Encoded(withContentType(out, JSON), wire);
            }
            return json == null ? new Encoded(out, new byte[0]) : new Encoded(withContentType(out, JSON),
                    SbiJson.write(json));
        }
        List<MimePart> mime = new ArrayList<>();
        if (json != null) {
            mime.add(new MimePart(List.of(Map.entry("Content-Type", JSON)), SbiJson.write(json)));
        }
        for (BinaryPart p : parts) {
            mime.add(new MimePart(List.of(Map.entry("Content-Type", p.contentType()),
                    Map.entry("Content-ID", p.contentId())), p.data()));
        }
        MultipartRelated m = MultipartRelated.of(mime);
        return new Encoded(out.with("content-type", m.contentType()), m.encode());
    }

    private static SbiHeaders withContentType(SbiHeaders headers, String type) {
        return headers.first("content-type").isPresent() ? headers : headers.with("content-type", type);
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith(JSON) || t.startsWith("application/problem+json") || t.matches("application/[^;]*\\+json.*");
    }

    private static JsonNode json(byte[] raw) throws UnprotectableMessageException {
        JsonNode tree = JsonTokenTrees.document(raw);
        if (tree != null) {
            return tree;
        }
        try {
            return SbiJson.read(raw, JsonNode.class);
        } catch (SbiJsonException e) {
            throw new UnprotectableMessageException("the JSON body does not parse: " + e.getMessage());
        }
    }
}
