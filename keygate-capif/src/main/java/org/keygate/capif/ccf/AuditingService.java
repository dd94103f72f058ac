package org.keygate.capif.ccf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.InvocationLog;
import org.keygate.capif.model.InvocationLogs;
import org.keygate.capif.model.Log;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Auditing_API (TS 29.222 5.9, 8.8): {@code GET /apiInvocationLogs} with the Log Query criteria
 * ({@link InvocationLogQuery}). 5.9.2.2.2 step 1 leaves "authorized to query" to the CCF; keygate's rule: a
 * registered API management function (AMF), which sees the logs of the AEFs of its own provider domain only (a third
 * party's AMF never reads another domain's logs). The answer (Rel-18 InvocationLogsRetrieveRes, a oneOf) is the
 * InvocationLog when one matches, else InvocationLogs; each carries only the matching Log entries.
 */
final class AuditingService implements CcfResource {
    static final String ROOT = "/logs/v1";
    /** TS 29.222 8.8.6 defines no feature. */
    static final String FEATURES = "0";
    /** Log entries in one answer: it stays well under a client's 1 MiB bound; narrow the query for the rest. */
    static final int MAX_RESULT_LOGS = 1000;
    private final CcfState state;

    AuditingService(CcfState state) {
        this.state = state;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() != 1 || !call.segment(0).equals("apiInvocationLogs")) {
            return Responses.unknownPath();
        }
        if (!call.method().equals("GET")) {
            return Responses.notAllowed();
        }
        String amfId = call.caller().requireId();
        StoredProviderFunction amf = ProviderManagement.requireRole(state, amfId, ApiProviderFuncRole.AMF);
        InvocationLogQuery query = InvocationLogQuery.of(call);
        try {
            // Checked only: no feature is defined to filter by.
            SupportedFeatures.negotiate(call.param("supported-features").orElse(null), FEATURES);
        } catch (IllegalArgumentException e) {
            throw CapifCause.INVALID_QUERY_PARAM.exception(e.getMessage());
        }
        Set<String> domainAefs = state.providerFunctions.values().stream()
                .filter(f -> f.apiProvDomId().equals(amf.apiProvDomId()) && f.role().equals(ApiProviderFuncRole.AEF))
                .map(StoredProviderFunction::apiProvFuncId).collect(Collectors.toSet());
        List<InvocationLog> found = new ArrayList<>();
        int entries = 0;
        for (StoredInvocationLog s : state.invocationLogs.values()) {
            InvocationLog log = s.log();
            if (!domainAefs.contains(log.aefId()) || !query.selects(log.aefId(), log.apiInvokerId())) {
                continue;
            }
            List<Log> matching = log.logs().stream().filter(query::matches).toList();
            if (matching.isEmpty()) {
                continue;
            }
            entries += matching.size();
            if (entries > MAX_RESULT_LOGS) {
                throw CapifCause.QUERY_TOO_BROAD.exception("more than " + MAX_RESULT_LOGS + " log entries match;"
                        + " narrow the query (time-range-start, time-range-end, aef-id, api-invoker-id)");
            }
            found.add(log.withLogs(matching).withSupportedFeatures(null));
        }
        // 8.8.2.2.3.1: the answer is 1..N InvocationLogs; none matching is a 404 (there is nothing to answer with).
        if (found.isEmpty()) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("no invocation log matches the query");
        }
        return Responses.ok(found.size() == 1 ? found.getFirst() : new InvocationLogs(found, null));
    }
}
