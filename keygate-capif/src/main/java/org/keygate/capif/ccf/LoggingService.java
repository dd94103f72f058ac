package org.keygate.capif.ccf;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.InvocationLog;
import org.keygate.capif.model.Log;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.sbi.http.SbiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CAPIF_Logging_API_Invocation_API (TS 29.222 5.8, 8.7): {@code POST /{aefId}/logs} by that AEF. 5.8.2.2.2 step 1
 * leaves "authorized to create service API invocation logs" to the CCF; keygate's rule: a registered AEF, for its
 * own ID, about service APIs published with an AefProfile naming it (it cannot write logs about another AEF's APIs,
 * which an auditor would then believe). Stored in the CCF's store, bounded per request and in total.
 */
final class LoggingService implements CcfResource {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingService.class);
    static final String ROOT = "/api-invocation-logs/v1";
    /** TS 29.222 8.7.6 defines no feature. */
    static final String FEATURES = "0";
    /**
     * Log entries in one request: an AEF batches (keygate's does per second and invoker); more than this is a
     * sender that should split, and it bounds the work of one request (the body is also bounded, 64 KiB).
     */
    static final int MAX_LOGS_PER_REQUEST = 100;
    private final CcfState state;
    private final CcfContext context;
    private final long maxStoredLogs;
    /** Log entries in the store: counted at start, then kept, so a POST need not read every record. */
    private final AtomicLong stored;

    LoggingService(CcfState state, CcfContext context, long maxStoredLogs) {
        this.state = state;
        this.context = context;
        this.maxStoredLogs = maxStoredLogs;
        this.stored = new AtomicLong(state.invocationLogs.values().stream().mapToLong(s -> s.log().logs().size()).sum());
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() == 3 && call.segment(1).equals("logs")) {
            return Responses.notAllowed(); // 8.7.2.1: the individual log resource has no method
        }
        if (call.segments().size() != 2 || !call.segment(1).equals("logs")) {
            return Responses.unknownPath();
        }
        if (!call.method().equals("POST")) {
            return Responses.notAllowed();
        }
        String aefId = call.segment(0);
        call.caller().requireSelf(aefId);
        ProviderManagement.requireRole(state, aefId, ApiProviderFuncRole.AEF);
        InvocationLog req = validated(call.body(InvocationLog.class), aefId);
        String features = negotiate(req.supportedFeatures() == null ? "0" : req.supportedFeatures());
        InvocationLog log = req.withSupportedFeatures(features);
        String logId = Ids.next("LOG");
        int n = log.logs().size();
        // Reserve before writing, so concurrent AEFs cannot overshoot the bound together.
        if (stored.addAndGet(n) > maxStoredLogs) {
            stored.addAndGet(-n);
            LOG.warn("invocation log of {} refused: the store holds its maximum of {} log entries", aefId,
                    maxStoredLogs);
            throw CapifCause.INSUFFICIENT_RESOURCES.exception("the CCF stores at most " + maxStoredLogs
                    + " invocation log entries and is full");
        }
        try {
            state.invocationLogs.put(logId, new StoredInvocationLog(logId, log));
        } catch (RuntimeException e) {
            stored.addAndGet(-n);
            throw e;
        }
        LOG.debug("{} logged {} invocations of {}", aefId, n, log.apiInvokerId());
        return Responses.created(context.uri(ROOT + "/" + aefId + "/logs/" + logId), log);
    }

    private InvocationLog validated(InvocationLog req, String aefId) {
        if (req.aefId() == null || req.apiInvokerId() == null || req.logs() == null || req.logs().isEmpty()) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("aefId, apiInvokerId and logs (at least one) are required");
        }
        if (!req.aefId().equals(aefId)) {
            throw CapifCause.IDENTITY_MISMATCH.exception("aefId in the body is not the AEF of the resource");
        }
        if (req.logs().size() > MAX_LOGS_PER_REQUEST) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("logs: at most " + MAX_LOGS_PER_REQUEST
                    + " entries per request");
        }
        Map<String, String> ownApis = ownApis(aefId);
        for (int i = 0; i < req.logs().size(); i++) {
            Log l = req.logs().get(i);
            if (l == null || l.apiId() == null || l.apiName() == null || l.apiVersion() == null
                    || l.resourceName() == null || l.protocol() == null || l.result() == null) {
                throw CapifCause.MANDATORY_IE_MISSING.exception("logs[" + i + "]: apiId, apiName, apiVersion,"
                        + " resourceName, protocol and result are required (TS 29.222 8.7.4.2.3)");
            }
            String name = ownApis.get(l.apiId());
            if (name == null) {
                throw CapifCause.API_NOT_SERVED_BY_AEF.exception("logs[" + i + "]: the apiId is not a service API"
                        + " published at this AEF");
            }
            if (!name.equals(l.apiName())) {
                throw CapifCause.MANDATORY_IE_INCORRECT.exception("logs[" + i + "]: apiName is not the name the"
                        + " API was published with");
            }
            if (l.invocationLatency() != null && l.invocationLatency() < 0) {
                throw CapifCause.MANDATORY_IE_INCORRECT.exception("logs[" + i + "]: invocationLatency is negative");
            }
            if (l.invocationTime() != null) {
                InvocationLogQuery.dateTime("logs[" + i + "].invocationTime", l.invocationTime(),
                        CapifCause.MANDATORY_IE_INCORRECT);
            }
        }
        return req;
    }

    /** apiId to apiName of the APIs published with an AefProfile naming {@code aefId}. */
    private Map<String, String> ownApis(String aefId) {
        return state.services.values().stream()
                .filter(s -> Optional.ofNullable(s.description().aefProfiles()).orElse(List.of()).stream()
                        .map(AefProfile::aefId).anyMatch(aefId::equals))
                .collect(Collectors.toMap(StoredService::apiId, s -> s.description().apiName(), (a, b) -> a));
    }

    /** Entries stored now (for the auditing side's bound and the tests). */
    long storedLogs() {
        return stored.get();
    }

    private static String negotiate(String requested) {
        try {
            return SupportedFeatures.negotiate(requested, FEATURES);
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
    }
}
