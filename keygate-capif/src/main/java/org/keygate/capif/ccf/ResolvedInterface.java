package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityMethod;

/** A published AEF interface of one API: what a SecurityInformation entry refers to. */
record ResolvedInterface(String apiId, String aefId, InterfaceDescription interfaceDetails,
        List<SecurityMethod> securityMethods) {}
