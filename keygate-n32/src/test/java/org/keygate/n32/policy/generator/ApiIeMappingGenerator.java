package org.keygate.n32.policy.generator;

import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;

/**
 * Derives keygate's default ApiIeMapping list from the 3GPP Rel-18 OpenAPI files: every IE of a roaming API whose
 * schema type is sensitive (TS 33.501 13.2.3.2, 5.9.3.3) becomes an IeInfo with its location and, for bodies, its
 * JSON pointer ({@code *} for array elements and map values). Run it to refresh the shipped file:
 * {@code main(<shared>/specs/openapi/Rel-18, keygate-sepp/src/main/resources/org/keygate/sepp/policy/default-api-ie-mappings.json)};
 * {@code DefaultApiIeMappingsTest} fails whenever the shipped file and the generator's output differ.
 *
 * <p>Rel-18's {@code TS32291_Nchf_ConvergedCharging.yaml} (referenced by Nsmf_PDUSession) has a TAB at line 2205
 * and does not parse as YAML; the parser logs it and its charging types, none of them sensitive, are not walked.
 */
public final class ApiIeMappingGenerator {
    /** The service APIs that cross N32 in roaming (issue 3), where the Rel-18 set has them. */
    static final List<String> APIS = List.of("TS29503_Nudm_UEAU.yaml", "TS29503_Nudm_SDM.yaml",
            "TS29503_Nudm_UECM.yaml", "TS29509_Nausf_SoRProtection.yaml", "TS29509_Nausf_UPUProtection.yaml",
            "TS29518_Namf_Communication.yaml", "TS29502_Nsmf_PDUSession.yaml", "TS29510_Nnrf_AccessToken.yaml");

    /** Schema names (TS 29.571 and the APIs' own) and the TS 29.573 IeType they carry. */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("Supi", "UEID"), Map.entry("SupiOrSuci", "UEID"), Map.entry("Suci", "UEID"),
            Map.entry("VarUeId", "UEID"),
            Map.entry("AuthenticationVector", "AUTHENTICATION_MATERIAL"),
            Map.entry("Av5GHeAka", "AUTHENTICATION_MATERIAL"), Map.entry("AvEapAkaPrime", "AUTHENTICATION_MATERIAL"),
            Map.entry("Av5gAka", "AUTHENTICATION_MATERIAL"),
            Map.entry("Kausf", "KEY_MATERIAL"), Map.entry("Kseaf", "KEY_MATERIAL"),
            Map.entry("UserLocation", "LOCATION"), Map.entry("EutraLocation", "LOCATION"),
            Map.entry("NrLocation", "LOCATION"), Map.entry("N3gaLocation", "LOCATION"),
            Map.entry("Ecgi", "LOCATION"), Map.entry("Ncgi", "LOCATION"), Map.entry("GeographicArea", "LOCATION"));
    /** Sensitive IEs whose schema is a plain string: recognised by member name. */
    static final Map<String, String> MEMBERS = Map.of("access_token", "AUTHORIZATION_TOKEN");
    private static final int MAX_DEPTH = 12;

    private ApiIeMappingGenerator() {}

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[1]), SbiJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(generate(Path.of(args[0]))));
    }

    public static List<ApiIeMapping> generate(Path specDir) {
        List<ApiIeMapping> out = new ArrayList<>();
        for (String file : APIS) {
            Path spec = specDir.resolve(file);
            if (!Files.exists(spec)) {
                continue;
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI api = new OpenAPIV3Parser().read(spec.toUri().toString(), null, options);
            // '{apiRoot}/nudm-ueau/v1' -> '/nudm-ueau/v1'; an API without servers ('/') has no prefix.
            String prefix = api.getServers().getFirst().getUrl().replaceFirst("^\\{[^}]*\\}", "")
                    .replaceFirst("/$", "");
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                    List<IeInfo> ies = new ArrayList<>();
                    List<Parameter> params = new ArrayList<>();
                    if (path.getValue().getParameters() != null) {
                        params.addAll(path.getValue().getParameters());
                    }
                    if (op.getValue().getParameters() != null) {
                        params.addAll(op.getValue().getParameters());
                    }
                    for (Parameter p : params) {
                        String type = typeOf(api, p.getSchema());
                        if (type != null && ("path".equals(p.getIn()) || "query".equals(p.getIn()))) {
                            ies.add(new IeInfo("URI_PARAM", type, p.getName(), null, false, null));
                        }
                    }
                    if (op.getValue().getRequestBody() != null) {
                        body(api, op.getValue().getRequestBody().getContent(), true, ies);
                    }
                    if (op.getValue().getResponses() != null) {
                        for (String status : List.of("200", "201")) {
                            ApiResponse r = op.getValue().getResponses().get(status);
                            if (r != null) {
                                body(api, r.getContent(), false, ies);
                            }
                        }
                    }
                    if (!ies.isEmpty()) {
                        out.add(new ApiIeMapping(TextNode.valueOf(prefix + path.getKey()), op.getKey().name(),
                                dedupe(ies)));
                    }
                }
            }
        }
        return out;
    }

    private static void body(OpenAPI api, io.swagger.v3.oas.models.media.Content content, boolean request,
            List<IeInfo> ies) {
        if (content == null) {
            return;
        }
        for (Map.Entry<String, MediaType> m : content.entrySet()) {
            if (m.getKey().equals("application/json") || m.getKey().equals("multipart/related")) {
                Map<String, String> found = new LinkedHashMap<>();
                walk(api, m.getValue().getSchema(), "", found, new HashSet<>(), 0);
                found.forEach((pointer, type) -> ies.add(request
                        ? new IeInfo("BODY", type, pointer, null, false, null)
                        : new IeInfo("BODY", type, null, pointer, false, null)));
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static void walk(OpenAPI api, Schema schema, String pointer, Map<String, String> found, Set<String> onPath,
            int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = name(schema.get$ref());
            if (TYPES.containsKey(name)) {
                found.putIfAbsent(pointer, TYPES.get(name));
                return;
            }
            if (!onPath.add(name)) {
                return; // a recursive type: its content is already walked above
            }
            walk(api, api.getComponents().getSchemas().get(name), pointer, found, onPath, depth + 1);
            onPath.remove(name);
            return;
        }
        if (schema instanceof ComposedSchema c) {
            for (List<Schema> list : List.of(nonNull(c.getAllOf()), nonNull(c.getOneOf()), nonNull(c.getAnyOf()))) {
                for (Schema s : list) {
                    walk(api, s, pointer, found, onPath, depth + 1);
                }
            }
        }
        if (schema instanceof ArraySchema a) {
            walk(api, a.getItems(), pointer + "/*", found, onPath, depth + 1);
        }
        if (schema.getAdditionalProperties() instanceof Schema extra) {
            walk(api, extra, pointer + "/*", found, onPath, depth + 1);
        }
        if (schema.getProperties() != null) {
            for (Object o : schema.getProperties().entrySet()) {
                Map.Entry e = (Map.Entry) o;
                String member = (String) e.getKey();
                String child = pointer + "/" + member.replace("~", "~0").replace("/", "~1");
                if (MEMBERS.containsKey(member)) {
                    found.putIfAbsent(child, MEMBERS.get(member));
                    continue;
                }
                walk(api, (Schema) e.getValue(), child, found, onPath, depth + 1);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static String typeOf(OpenAPI api, Schema schema) {
        return schema == null || schema.get$ref() == null ? null : TYPES.get(name(schema.get$ref()));
    }

    @SuppressWarnings("rawtypes")
    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static List<IeInfo> dedupe(List<IeInfo> ies) {
        Map<String, IeInfo> unique = new LinkedHashMap<>();
        for (IeInfo ie : ies) {
            unique.putIfAbsent(ie.ieLoc() + "|" + ie.reqIe() + "|" + ie.rspIe(), ie);
        }
        return List.copyOf(unique.values());
    }
}
