package org.keygate.capif.e2e;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.AefPskFiles;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.tls.bc.TlsVersion;

/**
 * A CCF on 127.0.0.1, an AEF serving one API whose CAPIF-3 calls go to {@code aefsCcf} (the CCF itself, or a relay in
 * front of it), and an onboarded invoker holding AEFPSK for the AEF: what the tests of the AEF's kept CCF connection
 * share. The CCF can be stopped and started again on the same port; its store outlives it.
 */
final class AefOnCcf implements AutoCloseable {
    private static final String REG_SEC = "kept-connection-registration-secret";
    private final CcfCertificateAuthority ca;
    /** The CCF's stateDir, as the daemon's: the store (ccf.mv) and the AEFPSK files, both reopened by a restart. */
    final java.nio.file.Path stateDir = java.nio.file.Files.createTempDirectory("aef-on-ccf");
    private MvCapifStore store;
    private final NotificationSink sink;
    private final int ccfPort;
    private final java.util.function.UnaryOperator<CapifCoreFunction.Builder> ccfSettings;
    private CapifCoreFunction ccf;
    final CcfEndpoint direct;
    final ApiExposingFunction aef;
    final ApiInvoker invoker;
    final AefInterfaceId iface;

    /** {@code aefsCcf}: given the CCF's address, where the AEF is to reach it. */
    AefOnCcf(java.util.function.Function<InetSocketAddress, InetSocketAddress> aefsCcf) throws Exception {
        this(aefsCcf, b -> b);
    }

    /** {@code ccfSettings}: further settings of the CCF (an observer). */
    AefOnCcf(java.util.function.Function<InetSocketAddress, InetSocketAddress> aefsCcf,
            java.util.function.UnaryOperator<CapifCoreFunction.Builder> ccfSettings) throws Exception {
        this.ccfSettings = ccfSettings;
        ca = CcfCertificateAuthority.create("keygate kept-connection CCF", Duration.ofDays(1), Clock.systemUTC());
        sink = new NotificationSink();
        ccf = startCcf(0);
        ccfPort = ccf.localAddress().getPort();
        direct = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
        ProviderDomain domain = ProviderDomain.register(direct, REG_SEC, "localhost");
        aef = new ApiExposingFunction(domain.aef(), new CcfEndpoint(aefsCcf.apply(ccf.localAddress()), "localhost",
                ca.certificate()), "127.0.0.1", "/nef-demo").start(0, 0);
        ServiceAPIDescription published = domain.publish(direct, new ServiceAPIDescription("nef-demo", null,
                List.of(new AefProfile(domain.aef().id(), List.of(new Version("v1", null, List.of(new Resource("hello",
                        "REQUEST_RESPONSE", "/hello", List.of("GET"))))), "HTTP_1_1", "JSON", null, null,
                        List.of(aef.interfaceDescription()))), "sample northbound API", null, "demo", null, null));
        aef.serve(published.apiId(), "nef-demo");
        iface = aef.interfaceDescription().aefInterfaceId();
        invoker = ApiInvoker.onboard(direct, sink.uri(), "kept");
        requestSecurity();
    }

    /** AEFPSK for the AEF, on a new CAPIF-1e session (the CCF rotates: the earlier key opens nothing more). */
    void requestSecurity() throws CapifCallException {
        invoker.requestSecurity(List.of(new SecurityInformation(aef.interfaceDescription(), null, null,
                List.of(SecurityMethod.PSK), null, null, null)));
    }

    /** A CAPIF-2e TLS-PSK handshake and GET /hello; the HTTP status. */
    int handshake(TlsVersion version) throws CapifCallException {
        return invoker.callWithPsk(iface, "/hello", version).status();
    }

    /** Stops the CCF and closes its store, as a stopped daemon leaves them. */
    void stopCcf() {
        ccf.close();
        store.close();
    }

    /** The CCF again, on the port it had. */
    void restartCcf() throws Exception {
        ccf = startCcf(ccfPort);
    }

    /** A CCF on {@link #stateDir} (store and AEFPSK files opened afresh, as the daemon does at start). */
    private CapifCoreFunction startCcf(int port) throws Exception {
        store = MvCapifStore.open(stateDir.resolve("ccf.mv"));
        return ccfSettings.apply(CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", port))
                .store(store).aefPskFiles(AefPskFiles.open(stateDir.resolve("aefpsk"))).ca(ca)
                .registrationSecret(REG_SEC)).build().start();
    }

    @Override
    public void close() throws Exception {
        try (sink; ApiInvoker i = invoker; ApiExposingFunction a = aef) {
            ccf.close();
            store.close();
        } finally {
            try (var files = java.nio.file.Files.walk(stateDir)) {
                for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
    }
}
