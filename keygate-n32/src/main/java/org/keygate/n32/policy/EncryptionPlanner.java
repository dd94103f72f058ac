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
    /**
     * The mappings by method and the template's last segment: a message is compared with the few that can match
     * instead of all of them (the default mappings cover every roaming API; comparing each, templates split anew per
     * message, cost PRINS more per message than its encryption did).
     */
    private final Map<String, List<Compiled>> byMethodAndLastSegment;
    private final Set<String> encryptedTypes;

    private record Compiled(ApiIeMapping mapping, String signature, String[] segments) {}

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
        Map<String, List<Compiled>> index = new HashMap<>();
        for (ApiIeMapping m : all) {
            String signature = m.apiSignature().asText();
            String[] segments = signature.split("/", -1);
            String last = segments[segments.length - 1];
            String key = String.valueOf(m.apiMethod()).toUpperCase(Locale.ROOT) + " "
                    + (last.startsWith("{") && last.endsWith("}") ? ANY_LAST : last);
            index.computeIfAbsent(key, k -> new ArrayList<>()).add(new Compiled(m, signature, segments));
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byMethodAndLastSegment = Map.copyOf(index);
        this.encryptedTypes = Set.copyOf(types);
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
        Set<String> pathVariables = new HashSet<>();
        Set<String> query = new HashSet<>();
        Set<String> headers = new HashSet<>();
        if (request) {
            headers.add(AUTHORIZATION); // 5.9.3.3: the token, whatever the policies map
        }
        Set<String> binary = new HashSet<>();
        parts.stream().filter(p -> p.contentType().toLowerCase(Locale.ROOT).startsWith(SMS_CONTENT_TYPE))
                .forEach(p -> binary.add(p.contentId()));
        Set<String> pointers = new LinkedHashSet<>();
        String[] p = path.split("/", -1);
        String m0 = method.toUpperCase(Locale.ROOT) + " ";
        List<Compiled> candidates = new ArrayList<>(byMethodAndLastSegment.getOrDefault(m0 + p[p.length - 1], List.of()));
        candidates.addAll(byMethodAndLastSegment.getOrDefault(m0 + ANY_LAST, List.of()));
        for (Compiled c : candidates) {
            ApiIeMapping m = c.mapping();
            String signature = c.signature();
            if (PathTemplates.aligned(c.segments(), p) == null) {
                continue;
            }
            for (IeInfo ie : m.ieList()) {
                String name = ie == null ? null : request ? ie.reqIe() : ie.rspIe();
                if (name == null || !encryptedTypes.contains(ie.ieType())) {
                    continue;
                }
                switch (String.valueOf(ie.ieLoc())) {
                    case "URI_PARAM" -> {
                        if (request && signature.contains("{" + name + "}")) {
                            template = PathTemplates.aligned(c.segments(), p);
                            pathVariables.add(name);
                        } else if (request) {
                            query.add(name);
                        }
                    }
                    case "HEADER" -> headers.add(name.toLowerCase(Locale.ROOT));
                    case "BODY" -> pointers.addAll(expand(body, name));
                    default -> { } // MULTIPART_BINARY and later values: not carried by this plan yet
                }
            }
        }
        return new EncryptionPlan(template, pathVariables, query, headers, new ArrayList<>(pointers), binary);
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
