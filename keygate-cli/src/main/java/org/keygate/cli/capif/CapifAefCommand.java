package org.keygate.cli.capif;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.config.AefSettings;
import org.keygate.capif.config.CapifCertificateValidity;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.provider.ProviderFunction;
import org.keygate.sbi.admin.AdminServer;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.cli.AdminReload;
import org.keygate.cli.DaemonReload;
import org.keygate.cli.UntilStopped;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif aef --config aef.yaml}: an API exposing function with the sample API, until stopped. On first
 * start it registers its provider domain with the CCF and publishes the API; the functions' credentials and the
 * apiId are kept in stateDir, so a restart reuses them and updates the published interface. SIGHUP, or
 * {@code keygate capif aef reload}, makes it re-read the file (docs/CAPIF.md "Reload").
 */
@Command(name = "aef", mixinStandardHelpOptions = true, subcommands = CapifReloadCommand.class,
        description = "Run an API exposing function from its YAML configuration (see docs/CAPIF.md).")
public final class CapifAefCommand implements Callable<Integer> {
    // Not required by picocli: `keygate capif aef reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The AEF's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminReload.requireConfig(spec, config);
        AefSettings settings;
        try {
            settings = AefSettings.load(config);
        } catch (CapifConfigException e) {
            // One line, no usage text: the options were right, the file is not.
            spec.commandLine().getErr().println("keygate capif aef: " + e.getMessage());
            return 2;
        }
        if (check) {
            // Issue 18 item 3: CAPIF-3 to the CCF and every CAPIF-2e PKI handshake need both certificates valid.
            if (!CapifExpiryCheck.report(spec, "keygate capif aef", () -> CapifCertificateValidity.aef(settings,
                    java.time.Clock.systemUTC().instant()), "renewed certificates: register again with a new stateDir"
                    + " (docs/CAPIF.md)")) {
                return 2;
            }
            spec.commandLine().getOut().println(config + ": OK (AEF for " + settings.apiName() + ")");
            return 0;
        }
        Running aef;
        try {
            aef = start(config, settings);
        } catch (CapifCallException | java.io.IOException | java.security.GeneralSecurityException e) {
            spec.commandLine().getErr().println("keygate capif aef: cannot start: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(started(settings, aef.aef())
                + aef.admin().map(a -> "; admin (healthz, metrics, reload) on " + a.localAddress()).orElse(""));
        AdminReload.onHangup(aef.reload()::submit);
        UntilStopped.await(aef);
        return 0;
    }

    /** What the operator needs to see: who, what, and both ports (CAPIF-2e and the AEF security API). */
    static String started(AefSettings s, ApiExposingFunction aef) {
        return "keygate capif aef: " + aef.aefId() + " serving " + s.apiName() + " at "
                + aef.interfaceDescription().aefInterfaceId().text() + "; AEF security API on "
                + aef.securityApiAddress().getHostString() + ":" + aef.securityApiAddress().getPort();
    }

    /**
     * A started AEF, its admin listener if configured, and the reload of its file (SIGHUP, {@code POST /reload});
     * closing stops them.
     */
    record Running(ApiExposingFunction aef, Optional<AdminServer> admin, DaemonReload reload) implements AutoCloseable {
        @Override
        public void close() {
            reload.close();
            aef.close(); // drains first; /healthz and /metrics answer meanwhile
            admin.ifPresent(AdminServer::close);
        }
    }

    /** Starts the AEF {@code s} was read from {@code file}, which a reload reads again. */
    static Running start(Path file, AefSettings s) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Published p = startAef(s, meters);
        try {
            DaemonReload reload = reloadOf(file, s, p, meters);
            // Healthy while its certificate is: CAPIF-3 to the CCF and every CAPIF-2e PKI handshake need it.
            X509Certificate own = p.aef().certificate();
            return new Running(p.aef(), s.admin().map(a -> AdminServer.start(a, meters,
                    () -> own.getNotAfter().toInstant().isAfter(java.time.Instant.now()), java.util.Map.of(),
                    java.util.Map.of("/reload", reload::submitForAdmin))), reload);
        } catch (RuntimeException e) {
            p.aef().close();
            throw e;
        }
    }

    /**
     * A started AEF and what its API was published with: the domain, the CCF as reached, its CA, the apiId; and the
     * CCF's CA certificates it started trusting (ccfCa).
     */
    private record Published(ApiExposingFunction aef, ProviderDomain domain, CcfEndpoint ccf, String apiId,
            List<X509Certificate> ccfCas) {}

    private static Published startAef(AefSettings s, PrometheusMeterRegistry meters) throws Exception {
        List<X509Certificate> cas = PemFiles.readCertificates(s.ccfCa());
        CcfEndpoint ccf = new CcfEndpoint(s.ccf(), s.ccfName(), cas.getFirst());
        ProviderDomain domain = loadOrRegister(s, ccf);
        ApiExposingFunction aef = new ApiExposingFunction(domain.aef(), ccf, s.host(), s.apiPrefix()).ccfAnchors(cas)
                .h2(s.h2())
                .drainTimeout(s.drainTimeout()).meterRegistry(meters).start(s.port(), s.securityApiPort());
        try {
            ServiceAPIDescription api = sampleApi(aef, s.apiName());
            Path apiIdFile = s.stateDir().resolve("api.id");
            String apiId = Files.exists(apiIdFile)
                    ? domain.update(ccf, Files.readString(apiIdFile).strip(), api).apiId()
                    : domain.publish(ccf, api).apiId();
            Files.writeString(apiIdFile, apiId + "\n", StandardCharsets.US_ASCII);
            aef.serve(apiId, s.apiName());
            return new Published(aef, domain, ccf, apiId, cas);
        } catch (Exception e) {
            aef.close();
            throw e;
        }
    }

    /** The sample API as published: {@code GET /hello} on this AEF's CAPIF-2e interface, named {@code apiName}. */
    private static ServiceAPIDescription sampleApi(ApiExposingFunction aef, String apiName) {
        return new ServiceAPIDescription(apiName, null, List.of(new AefProfile(aef.aefId(),
                List.of(new Version("v1", null, List.of(new Resource("hello", "REQUEST_RESPONSE", "/hello",
                        List.of("GET"))))), "HTTP_1_1", "JSON", null, null, List.of(aef.interfaceDescription()))),
                "keygate sample API", null, null, null, null);
    }

    /**
     * The reload of the AEF's file (issue 18, docs/CAPIF.md "Reload"): validated as at start, refused when it changes
     * a member only a restart can ({@link AefSettings#checkReloadable}). A new apiName is published first (TS 29.222
     * 8.2.2.3.3.2, the APF's update of the API's description at the CCF), and served only once the CCF has it; a CCF that
     * refuses or cannot be reached refuses the reload, nothing changed. shutdown.drainTimeout applies at the stop. A
     * ccfCa whose certificates changed applies to the next handshakes and CAPIF-3 connection
     * ({@link ApiExposingFunction#reloadCcfCa}); it is applied last, after the CCF took a new apiName over the kept
     * connection.
     */
    private static DaemonReload reloadOf(Path file, AefSettings started, Published p, PrometheusMeterRegistry meters) {
        AefSettings[] running = {started};
        List<List<X509Certificate>> cas = new java.util.ArrayList<>(List.of(p.ccfCas()));
        return new DaemonReload("AEF " + p.aef().aefId(), file, meters, CapifReloadCommand.RELOADS,
                CapifConfigException.class, f -> {
                    AefSettings next = AefSettings.load(f);
                    next.checkReloadable(f, running[0]);
                    List<X509Certificate> nextCas = next.ccfCaCertificates(f);
                    String was = running[0].apiName();
                    if (!next.apiName().equals(was)) {
                        try {
                            p.domain().update(p.ccf(), p.apiId(), sampleApi(p.aef(), next.apiName()));
                        } catch (CapifCallException e) {
                            throw new IllegalStateException(f + ": apiName: " + next.apiName() + " (running: " + was
                                    + "): the CCF did not take the new name: " + e.getMessage());
                        }
                        p.aef().serve(p.apiId(), next.apiName());
                    }
                    p.aef().drainTimeout(next.drainTimeout());
                    String ccfCa = nextCas.equals(cas.getFirst()) ? "ccfCa unchanged"
                            : p.aef().reloadCcfCa(nextCas);
                    cas.set(0, nextCas);
                    running[0] = next;
                    return "apiName " + next.apiName() + (next.apiName().equals(was) ? "" : " (was " + was
                            + ", published at the CCF)") + ", shutdown.drainTimeout " + next.drainTimeout() + ", "
                            + ccfCa;
                });
    }

    private static ProviderDomain loadOrRegister(AefSettings s, CcfEndpoint ccf) throws Exception {
        Path ids = s.stateDir().resolve("domain.ids");
        if (Files.exists(ids)) {
            List<String> l = Files.readAllLines(ids, StandardCharsets.US_ASCII);
            return new ProviderDomain(l.get(0),
                    new ProviderFunction(l.get(1), ApiProviderFuncRole.AEF, CredentialFiles.load(s.stateDir(), "aef")),
                    new ProviderFunction(l.get(2), ApiProviderFuncRole.APF, CredentialFiles.load(s.stateDir(), "apf")),
                    new ProviderFunction(l.get(3), ApiProviderFuncRole.AMF, CredentialFiles.load(s.stateDir(), "amf")));
        }
        ProviderDomain d = ProviderDomain.register(ccf, s.registrationSecret(), "localhost");
        CredentialFiles.save(s.stateDir(), "aef", d.aef().tls());
        CredentialFiles.save(s.stateDir(), "apf", d.apf().tls());
        CredentialFiles.save(s.stateDir(), "amf", d.amf().tls());
        Files.write(ids, List.of(d.domainId(), d.aef().id(), d.apf().id(), d.amf().id()), StandardCharsets.US_ASCII);
        return d;
    }
}
