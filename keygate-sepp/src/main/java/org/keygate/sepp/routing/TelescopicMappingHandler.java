package org.keygate.sepp.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.InvalidParam;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;

/**
 * The SEPP Telescopic FQDN Mapping API (TS 29.573 6.3, {@code nsepp-telescopic} v1): {@code GET
 * {apiRoot}/nsepp-telescopic/v1/mapping} with exactly one of {@code foreign-fqdn} (answer: telescopicLabel and
 * seppDomain) or {@code telescopic-label} (answer: foreignFqdn). Served to NFs and SCPs of the own PLMN only: the
 * lead mounts it on the internal listener, never on N32.
 *
 * <p>Errors (keygate decisions, docs/ROUTING.md): neither or both parameters, a repeated one or one that is not
 * valid: 400 with MANDATORY_QUERY_PARAM_MISSING or MANDATORY_QUERY_PARAM_INCORRECT; no mapping: 404 without a cause
 * (TS 29.573 defines none); another method: 405; another path: 404 RESOURCE_URI_STRUCTURE_NOT_FOUND.
 */
public final class TelescopicMappingHandler implements SbiHandler {
    /** TS 29.573 6.3.1: the API's path prefix. */
    public static final String API_PREFIX = "/nsepp-telescopic/v1";
    /** Longest query string read (an FQDN is at most 253 characters). */
    private static final int MAX_QUERY_LENGTH = 1024;

    private final TelescopicFqdns fqdns;

    public TelescopicMappingHandler(TelescopicFqdns fqdns) {
        this.fqdns = fqdns;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        return CompletableFuture.completedFuture(answer(request));
    }

    SbiResponse answer(SbiRequest request) {
        if (!request.pathWithoutQuery().equals(API_PREFIX + "/mapping")) {
            return SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such resource"));
        }
        if (!request.method().equals("GET")) {
            return new SbiResponse(405, SbiHeaders.of("allow", "GET", "content-type", SbiResponse.PROBLEM_JSON),
                    SbiJson.write(ProblemDetails.of(405, "Method Not Allowed", null, "only GET is allowed")));
        }
        Optional<List<Map.Entry<String, String>>> query = query(request.path());
        if (query.isEmpty()) {
            return invalid(SbiCause.MANDATORY_QUERY_PARAM_INCORRECT, "query", "the query string is malformed");
        }
        List<String> fqdn = values(query.get(), "foreign-fqdn");
        List<String> label = values(query.get(), "telescopic-label");
        if (fqdn.size() + label.size() == 0) {
            return invalid(SbiCause.MANDATORY_QUERY_PARAM_MISSING, "foreign-fqdn",
                    "one of foreign-fqdn and telescopic-label is required");
        }
        if (fqdn.size() + label.size() > 1) {
            return invalid(SbiCause.MANDATORY_QUERY_PARAM_INCORRECT, fqdn.isEmpty() ? "telescopic-label"
                    : "foreign-fqdn", "exactly one of foreign-fqdn and telescopic-label is expected, once");
        }
        if (!fqdn.isEmpty()) {
            Optional<String> l = fqdns.labelFor(fqdn.getFirst());
            return l.map(v -> ok(new TelescopicMapping(v, fqdns.seppDomain(), null))).orElseGet(
                    () -> invalid(SbiCause.MANDATORY_QUERY_PARAM_INCORRECT, "foreign-fqdn",
                            "foreign-fqdn is not a 5GC FQDN of a foreign PLMN, or the table is full"));
        }
        return fqdns.foreignFqdn(label.getFirst()).map(f -> ok(new TelescopicMapping(null, null, f)))
                .orElseGet(() -> SbiResponse.problem(ProblemDetails.of(404, "Not Found", null,
                        "no mapping for this telescopic label")));
    }

    private static SbiResponse ok(TelescopicMapping mapping) {
        return SbiResponse.json(200, SbiJson.write(mapping));
    }

    private static SbiResponse invalid(SbiCause cause, String param, String detail) {
        ProblemDetails p = cause.problem(detail);
        return SbiResponse.problem(new ProblemDetails(null, p.title(), p.status(), detail, null, p.cause(),
                List.of(new InvalidParam(param, detail))));
    }

    private static List<String> values(List<Map.Entry<String, String>> query, String name) {
        return query.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** RFC 3986 3.4 query, {@code name=value} pairs separated by "&", percent-decoded; empty if malformed. */
    static Optional<List<Map.Entry<String, String>>> query(String path) {
        int q = path.indexOf('?');
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (q < 0) {
            return Optional.of(out);
        }
        String text = path.substring(q + 1);
        if (text.length() > MAX_QUERY_LENGTH) {
            return Optional.empty();
        }
        try {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.add(Map.entry(name, value));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }
}
