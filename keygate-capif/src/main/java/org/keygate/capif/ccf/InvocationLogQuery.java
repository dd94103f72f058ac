package org.keygate.capif.ccf;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.Log;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;

/**
 * The Log Query criteria of Query_Invocation_Logs (TS 29.222 8.8.2.2.3.1): each parameter given must match, an
 * absent one matches anything. {@code aef-id} and {@code api-invoker-id} select InvocationLogs; the others select
 * the Log entries within them. A time range needs an {@code invocationTime} in the entry (start and end inclusive).
 * {@code src-interface} and {@code dest-interface} are JSON InterfaceDescriptions, matched member by member.
 */
record InvocationLogQuery(Optional<String> aefId, Optional<String> apiInvokerId, Optional<Instant> start,
        Optional<Instant> end, Optional<String> apiId, Optional<String> apiName, Optional<String> apiVersion,
        Optional<String> protocol, Optional<String> operation, Optional<String> result,
        Optional<String> resourceName, Optional<InterfaceDescription> srcInterface,
        Optional<InterfaceDescription> destInterface) {
    static final Set<String> PARAMETERS = Set.of("aef-id", "api-invoker-id", "time-range-start", "time-range-end",
            "api-id", "api-name", "api-version", "protocol", "operation", "result", "resource-name", "src-interface",
            "dest-interface", "supported-features");

    static InvocationLogQuery of(CcfCall call) {
        for (String name : call.query().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw CapifCause.INVALID_QUERY_PARAM.exception("unknown query parameter (TS 29.222 8.8.2.2.3.1 lists"
                        + " the Log Query criteria)");
            }
        }
        InvocationLogQuery q = new InvocationLogQuery(call.param("aef-id"), call.param("api-invoker-id"),
                call.param("time-range-start").map(v -> dateTime("time-range-start", v, CapifCause.INVALID_QUERY_PARAM)),
                call.param("time-range-end").map(v -> dateTime("time-range-end", v, CapifCause.INVALID_QUERY_PARAM)),
                call.param("api-id"), call.param("api-name"), call.param("api-version"), call.param("protocol"),
                call.param("operation"), call.param("result"), call.param("resource-name"),
                call.param("src-interface").map(v -> iface("src-interface", v)),
                call.param("dest-interface").map(v -> iface("dest-interface", v)));
        if (q.start.isPresent() && q.end.isPresent() && q.end.get().isBefore(q.start.get())) {
            throw CapifCause.INVALID_QUERY_PARAM.exception("time-range-end is before time-range-start");
        }
        return q;
    }

    boolean selects(String aef, String invoker) {
        return aefId.map(aef::equals).orElse(true) && apiInvokerId.map(invoker::equals).orElse(true);
    }

    boolean matches(Log l) {
        if (start.isPresent() || end.isPresent()) {
            if (l.invocationTime() == null) {
                return false;
            }
            Instant t = dateTime("invocationTime", l.invocationTime(), CapifCause.SYSTEM_FAILURE);
            if (start.isPresent() && t.isBefore(start.get()) || end.isPresent() && t.isAfter(end.get())) {
                return false;
            }
        }
        return is(apiId, l.apiId()) && is(apiName, l.apiName()) && is(apiVersion, l.apiVersion())
                && is(protocol, l.protocol()) && is(operation, l.operation()) && is(result, l.result())
                && is(resourceName, l.resourceName()) && srcInterface.map(i -> i.equals(l.srcInterface())).orElse(true)
                && destInterface.map(i -> i.equals(l.destInterface())).orElse(true);
    }

    private static boolean is(Optional<String> wanted, String value) {
        return wanted.map(w -> w.equals(value)).orElse(true);
    }

    /** TS 29.122 DateTime: RFC 3339 date-time with an offset. */
    static Instant dateTime(String name, String value, CapifCause cause) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw cause.exception(name + " is not an RFC 3339 date-time with an offset (TS 29.122 DateTime)");
        }
    }

    private static InterfaceDescription iface(String name, String json) {
        try {
            return SbiJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), InterfaceDescription.class);
        } catch (SbiJsonException e) {
            throw CapifCause.INVALID_QUERY_PARAM.exception(name + " is not a JSON InterfaceDescription");
        }
    }
}
