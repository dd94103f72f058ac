package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.CapifEvent;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Publish_Service_API (TS 29.222 8.2): an APF publishes, reads, replaces and withdraws service APIs. Each
 * AefProfile must name a registered AEF; each interface needs one of ipv4Addr/ipv6Addr/fqdn and a port (P0 of
 * AEFPSK is built from them, DESIGN.md).
 */
final class PublishService implements CcfResource {
    static final String ROOT = "/published-apis/v1";
    private final CcfState state;
    private final CcfContext context;
    private final CapifEvents events;

    PublishService(CcfState state, CcfContext context, CapifEvents events) {
        this.state = state;
        this.context = context;
        this.events = events;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() < 2 || !call.segment(1).equals("service-apis") || call.segments().size() > 3) {
            return Responses.unknownPath();
        }
        String apfId = call.segment(0);
        call.caller().requireSelf(apfId);
        ProviderManagement.requireRole(state, apfId, ApiProviderFuncRole.APF);
        if (call.segments().size() == 2) {
            return switch (call.method()) {
                case "POST" -> publish(call, apfId);
                case "GET" -> Responses.ok(state.services.values().stream().filter(s -> s.apfId().equals(apfId))
                        .map(StoredService::description).toList());
                default -> Responses.notAllowed();
            };
        }
        String apiId = call.segment(2);
        StoredService s = state.services.get(apiId).filter(x -> x.apfId().equals(apfId)).orElseThrow(() ->
                CapifCause.RESOURCE_NOT_FOUND.exception("no such published API of this APF"));
        return switch (call.method()) {
            case "GET" -> Responses.ok(s.description());
            case "PUT" -> {
                ServiceAPIDescription d = negotiated(validated(call.body(ServiceAPIDescription.class)))
                        .withApiId(apiId);
                state.services.put(apiId, new StoredService(apiId, apfId, d));
                events.serviceEvent(CapifEvent.SERVICE_API_UPDATE, d);
                yield Responses.ok(d);
            }
            case "DELETE" -> {
                state.services.remove(apiId);
                events.serviceEvent(CapifEvent.SERVICE_API_UNAVAILABLE, s.description());
                yield SbiResponse.noContent();
            }
            default -> Responses.notAllowed();
        };
    }

    private SbiResponse publish(CcfCall call, String apfId) {
        ServiceAPIDescription req = call.body(ServiceAPIDescription.class);
        if (req.apiId() != null) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiId is assigned by the CCF (TS 29.222 8.2.4.2.2)");
        }
        String apiId = Ids.next("API");
        ServiceAPIDescription d = negotiated(validated(req)).withApiId(apiId);
        state.services.put(apiId, new StoredService(apiId, apfId, d));
        events.serviceEvent(CapifEvent.SERVICE_API_AVAILABLE, d);
        return Responses.created(context.uri(ROOT + "/" + apfId + "/service-apis/" + apiId), d);
    }

    /**
     * TS 29.222 8.2.6: keygate supports neither ApiSupportedFeaturePublishing (1) nor PatchUpdate (2), so the
     * answer's supportedFeatures is "0" when the APF named any, and absent when it named none.
     */
    private static ServiceAPIDescription negotiated(ServiceAPIDescription d) {
        String f;
        try {
            f = SupportedFeatures.negotiate(d.supportedFeatures(), "0");
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
        return new ServiceAPIDescription(d.apiName(), d.apiId(), d.aefProfiles(), d.description(), f,
                d.serviceAPICategory(), d.apiSuppFeats(), d.ccfId());
    }

    private ServiceAPIDescription validated(ServiceAPIDescription d) {
        if (d.apiName() == null || d.apiName().isBlank()) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("apiName is required");
        }
        if (d.aefProfiles() == null || d.aefProfiles().isEmpty()) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("aefProfiles is required to expose an API");
        }
        for (AefProfile p : d.aefProfiles()) {
            if (p.aefId() == null || p.versions() == null || p.versions().isEmpty()) {
                throw CapifCause.MANDATORY_IE_MISSING.exception("aefProfiles[].aefId and versions are required");
            }
            ProviderManagement.requireRole(state, p.aefId(), ApiProviderFuncRole.AEF);
            List<InterfaceDescription> ifs = p.interfaceDescriptions();
            if (ifs == null || ifs.isEmpty()) {
                throw CapifCause.MANDATORY_IE_MISSING.exception("aefProfiles[].interfaceDescriptions is required");
            }
            for (InterfaceDescription i : ifs) {
                try {
                    i.aefInterfaceId();
                } catch (IllegalArgumentException e) {
                    throw CapifCause.MANDATORY_IE_INCORRECT.exception("interfaceDescriptions: " + e.getMessage());
                }
                if (i.securityMethods() == null && p.securityMethods() == null) {
                    throw CapifCause.MANDATORY_IE_MISSING.exception("no securityMethods for an interface");
                }
            }
        }
        return d;
    }
}
