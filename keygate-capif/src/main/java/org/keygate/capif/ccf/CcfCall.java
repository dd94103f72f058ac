package org.keygate.capif.ccf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;

/** One request to a CAPIF API, its path split into segments under the API's root ({@code /capif-security/v1}). */
record CcfCall(SbiRequest request, Caller caller, List<String> segments, Map<String, String> query) {
    /** Query parameters are few; more than this is refused rather than parsed. */
    static final int MAX_QUERY_PARAMS = 32;

    static CcfCall of(SbiRequest request, Caller caller, String apiRoot) {
        String path = request.pathWithoutQuery().substring(apiRoot.length());
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        int q = request.path().indexOf('?');
        if (q >= 0) {
            for (String pair : request.path().substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                if (query.size() == MAX_QUERY_PARAMS) {
                    throw CapifCause.INVALID_QUERY_PARAM.exception("more than " + MAX_QUERY_PARAMS + " parameters");
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (query.putIfAbsent(name, value) != null) {
                    throw CapifCause.INVALID_QUERY_PARAM.exception("a query parameter is repeated");
                }
            }
        }
        return new CcfCall(request, caller, List.copyOf(segments), Map.copyOf(query));
    }

    String method() {
        return request.method();
    }

    boolean is(String method, int segmentCount) {
        return request.method().equals(method) && segments.size() == segmentCount;
    }

    String segment(int i) {
        return segments.get(i);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** TS 29.122 boolean query parameter: "true" or "false", absent meaning false. */
    boolean flag(String name) {
        String v = query.get(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw CapifCause.INVALID_QUERY_PARAM.exception(name + " must be true or false");
    }

    /** The JSON body as {@code type}; anything else is a 400 or 415. */
    <T> T body(Class<T> type) {
        String ct = request.contentType().orElse("");
        if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw CapifCause.UNSUPPORTED_MEDIA_TYPE.exception("expected application/json");
        }
        if (request.body().length == 0) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("the request has no body");
        }
        try {
            return SbiJson.read(request.body(), type);
        } catch (SbiJsonException e) {
            throw CapifCause.INVALID_MSG_FORMAT.exception(e.getMessage());
        }
    }
}
