package org.keygate.capif;

import com.atlassian.oai.validator.report.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.ccf.CcfExchangeObserver;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * Checks every request the CCF receives (as keygate's invoker, provider and AEF libraries send them) and every
 * answer it gives against the Rel-18 OpenAPI file of its API. Two kinds of request are not checked, because the
 * validator cannot: discovery queries with anyOf-typed parameters (comm-type, protocol, data-format), which it reads
 * as JSON; the answers to them are checked.
 */
public final class ConformanceObserver implements CcfExchangeObserver {
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger checked = new AtomicInteger();

    @Override
    public void exchanged(SbiRequest request, SbiResponse response) {
        String path = request.path();
        Api api = null;
        for (Api a : Api.values()) {
            if (path.startsWith(a.root + "/")) {
                api = a;
            }
        }
        if (api == null) {
            return; // not a CAPIF API path: nothing to check against
        }
        checked.incrementAndGet();
        boolean anyOfQuery = path.contains("comm-type=") || path.contains("protocol=") || path.contains("data-format=");
        if (!anyOfQuery) {
            record("request", request.method() + " " + path, CapifOpenApi.request(api, request.method(), path,
                    request.contentType().orElse(null), request.body()));
        }
        Map<String, String> headers = new HashMap<>();
        response.headers().first("location").ifPresent(l -> headers.put("Location", l));
        record("answer " + response.status(), request.method() + " " + path, CapifOpenApi.response(api,
                request.method(), path, response.status(), response.contentType().orElse(null), response.body(), headers));
    }

    private synchronized void record(String what, String exchange, ValidationReport report) {
        if (!report.getMessages().isEmpty()) {
            violations.add(what + " of " + exchange + ": " + report.getMessages());
        }
    }

    /** What did not validate so far. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** How many exchanges were checked (so a test can show the observer saw traffic). */
    public int checked() {
        return checked.get();
    }

}
