package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.2.4.2.2 ServiceAPIDescription: a published service API; {@code apiId} assigned by the CCF. */
public record ServiceAPIDescription(String apiName, String apiId, List<AefProfile> aefProfiles, String description,
        String supportedFeatures, String serviceAPICategory, String apiSuppFeats, String ccfId) {
    public ServiceAPIDescription {
        aefProfiles = aefProfiles == null ? null : List.copyOf(aefProfiles);
    }

    public ServiceAPIDescription withApiId(String id) {
        return new ServiceAPIDescription(apiName, id, aefProfiles, description, supportedFeatures, serviceAPICategory,
                apiSuppFeats, ccfId);
    }
}
