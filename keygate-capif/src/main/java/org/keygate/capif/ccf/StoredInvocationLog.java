package org.keygate.capif.ccf;

import org.keygate.capif.model.InvocationLog;

/** One InvocationLog an AEF created (TS 29.222 8.7.2.2), under its logId. */
public record StoredInvocationLog(String logId, InvocationLog log) {}
