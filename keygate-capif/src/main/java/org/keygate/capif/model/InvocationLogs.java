package org.keygate.capif.model;

import java.util.List;

/**
 * TS 29.222 8.8.4 InvocationLogs (Rel-18 CAPIF_Auditing_API): the answer to an audit that found several
 * InvocationLogs; one is answered as an InvocationLog itself (InvocationLogsRetrieveRes is a oneOf of the two).
 */
public record InvocationLogs(List<InvocationLog> multipleInvocationLogs, String supportedFeatures) {
    public InvocationLogs {
        multipleInvocationLogs = List.copyOf(multipleInvocationLogs);
    }
}
