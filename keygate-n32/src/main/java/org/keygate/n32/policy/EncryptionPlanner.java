package org.keygate.n32.policy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32f.reformat.BinaryPart;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;

/**
 * Turns protection policies into the {@link EncryptionPlan} of one message (TS 33.501 13.2.3.2, 13.2.3.6, 5.9.3.3).
 *
 * <p>An IE is encrypted when its ieType is in either SEPP's data-type encryption policy or is one that is always
 * encrypted ({@link ProtectionPolicyCheck#ALWAYS_ENCRYPTED}): keygate takes the union, so neither side's stricter
 * wish is lost. Where the IE sits comes from the ApiIeMapping whose apiSignature (an OpenAPI path template such as
 * {@code /nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data}, matched with or without the API
 * prefix) and apiMethod match: ieLoc URI_PARAM names a path variable when the template has {@code {name}}, else a
 * query parameter; HEADER a header; BODY a JSON pointer, where a {@code *} segment stands for every member or
 * element at that level.
 *
 * <p>TS 33.501 13.2.3.6 puts the default rules of 5.9.3.3 under every configured policy: whatever the policies say
 * (even with no ApiIeMapping at all), keygate encrypts (1) the IEs of the always-encrypted types that the default
 * mappings ({@link DefaultProtectionPolicy}) place, (2) the {@code Authorization} header, where TS 29.500 6.7.3 carries
 * the access token in every API, and (3) binary parts carrying SMS content ({@value #SMS_CONTENT_TYPE}, TS 29.540).
 */
public final class EncryptionPlanner {
    /** TS 29.500 6.7.3 (RFC 6750 2.1): the header an access token travels in. */
    static final String AUTHORIZATION = "authorization";
    /** TS 29.540 6.1.6.4: the media type of SMS content in multipart SBI messages (TS 33.501 5.9.3.3). */
    static final String SMS_CONTENT_TYPE = "application/vnd.3gpp.sms";
    private static final List<ApiIeMapping> DEFAULT_MAPPINGS = DefaultProtectionPolicy.get().apiIeMappingList();
    /** The index key of templates whose last segment is a path variable: they match any last segment. */
    private static final String ANY_LAST = "{}";
    private static final Set<String> AUTHORIZATION_ONLY = Set.of(AUTHORIZATION);
    /**
     * The mappings by method, then by the template's last segment: a message is compared with the few that can match
     * instead of all of them (the default mappings cover every roaming API; comparing each, templates split anew per
     * message, cost PRINS more per message than its encryption did).
     */
    private final Map<String, Map<String, List<Compiled>>> byMethodAndLastSegment;

    /** A mapping with what it encrypts in each direction, found once: a message only checks its path against it. */
    private record Compiled(String[] segments, Rules request, Rules response) {}

    /**
     * What one mapping encrypts in one direction, the IEs whose type neither policy encrypts left out, names of
     * headers in lower case; immutable, so a plan that takes one mapping's sets takes them as they are (working this
     * out per message, with string splits, case conversions and set copies, was 3-4 % of a PRINS SEPP's samples,
     * issue 10).
     */
    private record Rules(Set<String> pathVariables, Set<String> query, Set<String> headers, List<BodyIe> body) {}

    /** A BODY IE's pointer pattern; {@code pointer} compiled once when it has no {@code *} segment (else null). */
    private record BodyIe(String pattern, JsonPointer pointer) {}

    public EncryptionPlanner(List<ProtectionPolicy> policies) {
        // 13.2.3.6: the default rules first, the configured and received policies on top of them.
        Set<ApiIeMapping> all = new LinkedHashSet<>(DEFAULT_MAPPINGS); // a policy repeating them adds nothing
        Set<String> types = new HashSet<>(ProtectionPolicyCheck.ALWAYS_ENCRYPTED);
        for (ProtectionPolicy p : policies) {
            if (p.apiIeMappingList() != null) {
                p.apiIeMappingList().stream().filter(m -> m != null && m.apiSignature() != null
                        && m.apiSignature().isTextual() && m.ieList() != null).forEach(all::add);
            }
            if (p.dataTypeEncPolicy() != null) {
                types.addAll(p.dataTypeEncPolicy());
            }
        }
        Map<String, Map<String, List<Compiled>>> index = new HashMap<>();
        for (ApiIeMapping m : all) {
            String signature = m.apiSignature().asText();
            String[] segments = signature.split("/", -1);
            String last = segments[segments.length - 1];
            index.computeIfAbsent(String.valueOf(m.apiMethod()).toUpperCase(Locale.ROOT), k -> new HashMap<>())
                    .computeIfAbsent(last.startsWith("{") && last.endsWith("}") ? ANY_LAST : last,
                            k -> new ArrayList<>())
                    .add(new Compiled(segments, rules(m, signature, types, true), rules(m, signature, types, false)));
        }
        Map<String, Map<String, List<Compiled>>> frozen = new HashMap<>();
        index.forEach((method, byLast) -> {
            byLast.replaceAll((k, v) -> List.copyOf(v));
            frozen.put(method, Map.copyOf(byLast));
        });
        this.byMethodAndLastSegment = Map.copyOf(frozen);
    }

    private static Rules rules(ApiIeMapping m, String signature, Set<String> encryptedTypes, boolean request) {
        Set<String> pathVariables = new HashSet<>();
        Set<String> query = new HashSet<>();
        Set<String> headers = new HashSet<>();
        if (request) {
            headers.add(AUTHORIZATION); // 5.9.3.3: the token, whatever the policies map
        }
        Set<String> body = new LinkedHashSet<>();
        for (IeInfo ie : m.ieList()) {
            String name = ie == null ? null : request ? ie.reqIe() : ie.rspIe();
            if (name == null || !encryptedTypes.contains(ie.ieType())) {
                continue;
            }
            switch (String.valueOf(ie.ieLoc())) {
                case "URI_PARAM" -> {
                    if (request && signature.contains("{" + name + "}")) {
                        pathVariables.add(name);
                    } else if (request) {
                        query.add(name);
                    }
                }
                case "HEADER" -> headers.add(name.toLowerCase(Locale.ROOT));
                case "BODY" -> body.add(name);
                default -> { } // MULTIPART_BINARY and later values: not carried by this plan yet
            }
        }
        List<BodyIe> bodyIes = new ArrayList<>();
        for (String pattern : body) {
            boolean wildcard = !pattern.startsWith("/") || List.of(pattern.substring(1).split("/", -1)).contains("*");
            bodyIes.add(new BodyIe(pattern, wildcard ? null : JsonPointer.compile(pattern)));
        }
        return new Rules(Set.copyOf(pathVariables), Set.copyOf(query), Set.copyOf(headers), List.copyOf(bodyIes));
    }

    public EncryptionPlan forRequest(String method, String path, JsonNode body) {
        return plan(method, path, body, true, List.of());
    }

    public EncryptionPlan forResponse(String method, String requestPath, JsonNode body) {
        return plan(method, requestPath, body, false, List.of());
    }

    /** The plan of {@code request}, its binary parts included. */
    public EncryptionPlan forRequest(ClearRequest request) {
        return plan(request.method(), request.path(), request.body(), true, request.binaryParts());
    }

    /** The plan of {@code answer} to {@code request}, its binary parts included. */
    public EncryptionPlan forResponse(ClearRequest request, ClearResponse answer) {
        return plan(request.method(), request.path(), answer.body(), false, answer.binaryParts());
    }

    private EncryptionPlan plan(String method, String path, JsonNode body, boolean request, List<BinaryPart> parts) {
        String template = null;
        Set<String> pathVariables = Set.of();
        Set<String> query = Set.of();
        Set<String> headers = request ? AUTHORIZATION_ONLY : Set.of();
        Set<String> pointers = null;
        String[] p = path.split("/", -1);
        Map<String, List<Compiled>> byLast = byMethodAndLastSegment.get(method);
        if (byLast == null) {
            byLast = byMethodAndLastSegment.getOrDefault(method.toUpperCase(Locale.ROOT), Map.of());
        }
        for (List<Compiled> candidates : List.of(byLast.getOrDefault(p[p.length - 1], List.of()),
                byLast.getOrDefault(ANY_LAST, List.of()))) {
            for (Compiled c : candidates) {
                if (!PathTemplates.matches(c.segments(), p)) {
                    continue;
                }
                Rules r = request ? c.request() : c.response();
                if (!r.pathVariables().isEmpty()) {
                    template = PathTemplates.aligned(c.segments(), p);
                    pathVariables = union(pathVariables, r.pathVariables());
                }
                query = union(query, r.query());
                headers = union(headers, r.headers());
                for (BodyIe ie : r.body()) {
                    if (body == null) {
                        break;
                    }
                    if (pointers == null) {
                        pointers = new LinkedHashSet<>();
                    }
                    if (ie.pointer() == null) {
                        pointers.addAll(expand(body, ie.pattern()));
                    } else if (!body.at(ie.pointer()).isMissingNode()) {
                        pointers.add(ie.pattern());
                    }
                }
            }
        }
        return new EncryptionPlan(template, pathVariables, query, headers,
                pointers == null ? List.of() : List.copyOf(pointers), smsParts(parts));
    }

    /** 5.9.3.3: the Content-IDs of the parts carrying SMS content. */
    private static Set<String> smsParts(List<BinaryPart> parts) {
        if (parts.isEmpty()) {
            return Set.of();
        }
        Set<String> binary = new HashSet<>();
        for (BinaryPart part : parts) {
            if (part.contentType().toLowerCase(Locale.ROOT).startsWith(SMS_CONTENT_TYPE)) {
                binary.add(part.contentId());
            }
        }
        return binary;
    }

    /** Either set when it holds the other (most messages match one mapping: its sets are taken as they are). */
    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.containsAll(b)) {
            return a;
        }
        if (b.containsAll(a)) {
            return b;
        }
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The concrete pointers a pattern with {@code *} segments matches in {@code body}. */
    static List<String> expand(JsonNode body, String pattern) {
        List<String> out = new ArrayList<>();
        if (body == null || !pattern.startsWith("/")) {
            return out;
        }
        expand(body, pattern.substring(1).split("/", -1), 0, "", out);
        return out;
    }

    private static void expand(JsonNode node, String[] segments, int i, String prefix, List<String> out) {
        if (i == segments.length) {
            out.add(prefix);
            return;
        }
        if (segments[i].equals("*")) {
            if (node.isObject()) {
                node.properties().forEach(e -> expand(e.getValue(), segments, i + 1,
                        prefix + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
            } else if (node.isArray()) {
                for (int k = 0; k < node.size(); k++) {
                    expand(node.get(k), segments, i + 1, prefix + "/" + k, out);
                }
            }
            return;
        }
        JsonNode child = node.at(JsonPointer.compile("/" + segments[i]));
        if (!child.isMissingNode()) {
            expand(child, segments, i + 1, prefix + "/" + segments[i], out);
        }
    }
}
