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
import org.keygate.cli.UntilStopped;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif aef --config aef.yaml}: an API exposing function with the sample API, until stopped. On first
 * start it registers its provider domain with the CCF and publishes the API; the functions' credentials and the
 * apiId are kept in stateDir, so a restart reuses them and updates the published interface.
 */
@Command(name = "aef", mixinStandardHelpOptions = true,
        description = "Run an API exposing function from its YAML configuration (see docs/CAPIF.md).")
public final class CapifAefCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The AEF's YAML configuration file.")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
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
            aef = start(settings);
        } catch (CapifCallException | java.io.IOException | java.security.GeneralSecurityException e) {
            spec.commandLine().getErr().println("keygate capif aef: cannot start: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(started(settings, aef.aef())
                + aef.admin().map(a -> "; admin (healthz, metrics) on " + a.localAddress()).orElse(""));
        UntilStopped.await(aef);
        return 0;
    }

    /** What the operator needs to see: who, what, and both ports (CAPIF-2e and the AEF security API). */
    static String started(AefSettings s, ApiExposingFunction aef) {
        return "keygate capif aef: " + aef.aefId() + " serving " + s.apiName() + " at "
                + aef.interfaceDescription().aefInterfaceId().text() + "; AEF security API on "
                + aef.securityApiAddress().getHostString() + ":" + aef.securityApiAddress().getPort();
    }

    /** A started AEF and its admin listener if configured; closing stops both. */
    record Running(ApiExposingFunction aef, Optional<AdminServer> admin) implements AutoCloseable {
        @Override
        public void close() {
            aef.close(); // drains first; /healthz and /metrics answer meanwhile
            admin.ifPresent(AdminServer::close);
        }
    }

    static Running start(AefSettings s) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ApiExposingFunction aef = startAef(s, meters);
        try {
            // Healthy while its certificate is: CAPIF-3 to the CCF and every CAPIF-2e PKI handshake need it.
            X509Certificate own = aef.certificate();
            return new Running(aef, s.admin().map(a -> AdminServer.start(a, meters,
                    () -> own.getNotAfter().toInstant().isAfter(java.time.Instant.now()))));
        } catch (RuntimeException e) {
            aef.close();
            throw e;
        }
    }

    private static ApiExposingFunction startAef(AefSettings s, PrometheusMeterRegistry meters) throws Exception {
        X509Certificate ca = PemFiles.readCertificates(s.ccfCa()).getFirst();
        CcfEndpoint ccf = new CcfEndpoint(s.ccf(), s.ccfName(), ca);
        ProviderDomain domain = loadOrRegister(s, ccf);
        ApiExposingFunction aef = new ApiExposingFunction(domain.aef(), ccf, s.host(), s.apiPrefix()).h2(s.h2())
                .drainTimeout(s.drainTimeout()).meterRegistry(meters).start(s.port(), s.securityApiPort());
        try {
            ServiceAPIDescription api = new ServiceAPIDescription(s.apiName(), null, List.of(new AefProfile(aef.aefId(),
                    List.of(new Version("v1", null, List.of(new Resource("hello", "REQUEST_RESPONSE", "/hello",
                            List.of("GET"))))), "HTTP_1_1", "JSON", null, null, List.of(aef.interfaceDescription()))),
                    "keygate sample API", null, null, null, null);
            Path apiIdFile = s.stateDir().resolve("api.id");
            String apiId = Files.exists(apiIdFile)
                    ? domain.update(ccf, Files.readString(apiIdFile).strip(), api).apiId()
                    : domain.publish(ccf, api).apiId();
            Files.writeString(apiIdFile, apiId + "\n", StandardCharsets.US_ASCII);
            aef.serve(apiId, s.apiName());
            return aef;
        } catch (Exception e) {
            aef.close();
            throw e;
        }
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
