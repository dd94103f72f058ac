package org.keygate.capif.ccf;

import org.keygate.capif.model.ServiceAPIDescription;

/** A published service API and the APF that published it. */
public record StoredService(String apiId, String apfId, ServiceAPIDescription description) {}
