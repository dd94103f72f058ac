package org.keygate.capif.model;

import java.util.List;

/**
 * TS 29.222 8.7.4.2.2 InvocationLog: the service API invocations one invoker made at one AEF, as the AEF logs them
 * at the CCF (Log_API_Invocation) and as the CCF answers an audit (Query_Invocation_Logs).
 */
public record InvocationLog(String aefId, String apiInvokerId, List<Log> logs, String supportedFeatures) {
    public InvocationLog {
        logs = logs == null ? null : List.copyOf(logs);
    }

    public InvocationLog withLogs(List<Log> only) {
        return new InvocationLog(aefId, apiInvokerId, only, supportedFeatures);
    }

    public InvocationLog withSupportedFeatures(String features) {
        return new InvocationLog(aefId, apiInvokerId, logs, features);
    }
}
