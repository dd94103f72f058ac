package org.keygate.capif.ccf;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Discover_Service_API (TS 29.222 8.1): {@code GET /allServiceAPIs?api-invoker-id=...} by that invoker, with
 * the APIs its onboarding credential allows only, with the filters api-name, api-version, comm-type, protocol, aef-id, data-format and api-cat (8.1.2.2.3.1). AEF
 * profiles that do not match are left out of each description; a description with none left is not returned. No match:
 * 200 without {@code serviceAPIDescriptions} (8.1.2.2.3.1 names no error for an empty result, and the member's
 * schema has minItems 1).
 */
final class DiscoverService implements CcfResource {
    static final String ROOT = "/service-apis/v1";
    private final CcfState state;

    DiscoverService(CcfState state) {
        this.state = state;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() != 1 || !call.segment(0).equals("allServiceAPIs")) {
            return Responses.unknownPath();
        }
        if (!call.method().equals("GET")) {
            return Responses.notAllowed();
        }
        String invoker = call.param("api-invoker-id").orElseThrow(() ->
                CapifCause.INVALID_QUERY_PARAM.exception("api-invoker-id is required"));
        call.caller().requireSelf(invoker);
        StoredInvoker stored = state.invokers.get(invoker).orElseThrow(() ->
                CapifCause.API_INVOKER_NOT_FOUND.exception("the invoker is not onboarded"));
        try {
            // TS 29.222 8.1.6: ApiSupportedFeatureQuery (feature 1) is not supported. Rel-18 DiscoveredAPIs has no
            // member to answer the negotiation in, so the parameter is only checked.
            org.keygate.capif.model.SupportedFeatures.negotiate(call.param("supported-features").orElse(null), "0");
        } catch (IllegalArgumentException e) {
            throw CapifCause.INVALID_QUERY_PARAM.exception("supported-features: " + e.getMessage());
        }
        Optional<String> name = call.param("api-name");
        Optional<String> cat = call.param("api-cat");
        Predicate<AefProfile> profile = profileFilter(call);
        List<ServiceAPIDescription> out = state.services.values().stream().map(StoredService::description)
                .filter(d -> stored.mayUse(d.apiName()))
                .filter(d -> name.map(d.apiName()::equals).orElse(true))
                .filter(d -> cat.map(c -> c.equals(d.serviceAPICategory())).orElse(true))
                .map(d -> {
                    List<AefProfile> ps = d.aefProfiles().stream().filter(profile).toList();
                    return ps.isEmpty() ? null : new ServiceAPIDescription(d.apiName(), d.apiId(), ps, d.description(),
                            d.supportedFeatures(), d.serviceAPICategory(), d.apiSuppFeats(), d.ccfId());
                })
                .filter(java.util.Objects::nonNull).toList();
        return Responses.ok(new DiscoveredAPIs(out.isEmpty() ? null : out, null));
    }

    private static Predicate<AefProfile> profileFilter(CcfCall call) {
        Optional<String> version = call.param("api-version");
        Optional<String> commType = call.param("comm-type");
        Optional<String> protocol = call.param("protocol");
        Optional<String> aefId = call.param("aef-id");
        Optional<String> dataFormat = call.param("data-format");
        return p -> aefId.map(p.aefId()::equals).orElse(true)
                && protocol.map(x -> x.equals(p.protocol())).orElse(true)
                && dataFormat.map(x -> x.equals(p.dataFormat())).orElse(true)
                && version.map(v -> p.versions().stream().anyMatch(x -> v.equals(x.apiVersion()))).orElse(true)
                && commType.map(c -> p.versions().stream().anyMatch(x -> x.resources() != null
                        && x.resources().stream().map(Resource::commType).anyMatch(c::equals))).orElse(true);
    }
}
