package org.keygate.capif.e2e;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.MvCapifStore;

/** CCF, one provider domain and its AEF on loopback, the API published: the end-to-end tests' world. */
final class CapifLab implements AutoCloseable {
    static final String REG_SEC = "e2e-registration-secret-0123456789";
    final MvCapifStore store = MvCapifStore.inMemory();
    final CcfCertificateAuthority ca;
    final CapifCoreFunction ccf;
    final CcfEndpoint endpoint;
    final ProviderDomain domain;
    final ApiExposingFunction aef;
    final String apiId;
    /** Every CAPIF exchange of the lab, checked against the Rel-18 OpenAPI files. */
    final org.keygate.capif.ConformanceObserver conformance = new org.keygate.capif.ConformanceObserver();

    CapifLab() throws Exception {
        ca = CcfCertificateAuthority.create("keygate e2e CCF", Duration.ofDays(1), Clock.systemUTC());
        ccf = CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", 0)).store(store).ca(ca)
                .registrationSecret(REG_SEC).observer(conformance).build().start();
        endpoint = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
        domain = ProviderDomain.register(endpoint, REG_SEC, "localhost");
        aef = new ApiExposingFunction(domain.aef(), endpoint, "127.0.0.1", "/nef-demo").start(0, 0);
        ServiceAPIDescription published = domain.publish(endpoint, new ServiceAPIDescription("nef-demo", null,
                List.of(new AefProfile(domain.aef().id(), List.of(new Version("v1", null, List.of(new Resource("hello",
                        "REQUEST_RESPONSE", "/hello", List.of("GET"))))), "HTTP_1_1", "JSON", null, null,
                        List.of(aef.interfaceDescription()))), "sample northbound API", null, "demo", null, null));
        apiId = published.apiId();
        aef.serve(apiId, "nef-demo");
    }

    @Override
    public void close() {
        aef.close();
        ccf.close();
        store.close();
    }
}
