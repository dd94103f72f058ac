package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.AefProfile;
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

    PublishService(CcfState state, CcfContext context) {
        this.state = state;
        this.context = context;
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
                ServiceAPIDescription d = validated(call.body(ServiceAPIDescription.class)).withApiId(apiId);
                state.services.put(apiId, new StoredService(apiId, apfId, d));
                yield Responses.ok(d);
            }
            case "DELETE" -> {
                state.services.remove(apiId);
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
        ServiceAPIDescription d = validated(req).withApiId(apiId);
        state.services.put(apiId, new StoredService(apiId, apfId, d));
        return Responses.created(context.uri(ROOT + "/" + apfId + "/service-apis/" + apiId), d);
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
