package org.keygate.cli.capif;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.PemFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif invoker}: an API invoker in one run: onboard (or reuse the invoker saved in {@code --state}),
 * discover {@code --api-name}, request {@code --method} for its first AEF interface, and call
 * {@code GET <apiPrefix><path>} there over CAPIF-2e. Prints each step, the PSK identity and the AEFPSK fingerprint
 * (never the key); exit 0 on a 2xx answer, 1 when a step is refused (with the refusal), 2 for bad options.
 */
@Command(name = "invoker", mixinStandardHelpOptions = true,
        description = "Onboard, discover, request a security method and call an API over CAPIF-2e.")
public final class CapifInvokerCommand implements Callable<Integer> {
    @Option(names = "--ccf", required = true, description = "The CCF's host:port.")
    String ccf;

    @Option(names = "--ccf-name", defaultValue = "localhost",
            description = "The DNS name in the CCF's certificate (default ${DEFAULT-VALUE}).")
    String ccfName;

    @Option(names = "--ca", required = true, description = "The CCF's CA certificate (PEM), e.g. stateDir/ca.crt.")
    Path ca;

    @Option(names = "--api-name", required = true, description = "The service API to discover and call.")
    String apiName;

    @Option(names = "--path", defaultValue = "/hello", description = "Path under the apiPrefix (default ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--method", defaultValue = "PSK", description = "PSK, PKI or OAUTH (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--tls", defaultValue = "1.2", description = "CAPIF-2e TLS version for PSK: 1.2 or 1.3.")
    String tls;

    @Option(names = "--credential", description = "File holding the onboarding credential the API provider domain"
            + " issued (keygate capif credential); needed to onboard unless the CCF runs open.")
    Path credential;

    @Option(names = "--state", description = "Directory keeping the onboarded invoker between runs.")
    Path state;

    @Option(names = "--notify", defaultValue = "http://127.0.0.1:1/keygate-invoker",
            description = "Notification destination given to the CCF (this command does not listen).")
    String notify;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        SecurityMethod m = SecurityMethod.of(method);
        if (!m.known()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method: " + method
                    + " (expected: PSK, PKI or OAUTH)");
        }
        TlsVersion version = switch (tls) {
            case "1.2" -> TlsVersion.TLS_1_2;
            case "1.3" -> TlsVersion.TLS_1_3;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--tls: " + tls
                    + " (expected: 1.2 or 1.3)");
        };
        int colon = ccf.lastIndexOf(':');
        if (colon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ccf: " + ccf + " (expected: host:port)");
        }
        X509Certificate caCert = PemFiles.readCertificates(ca).getFirst();
        CcfEndpoint endpoint = new CcfEndpoint(new InetSocketAddress(ccf.substring(0, colon),
                Integer.parseInt(ccf.substring(colon + 1))), ccfName, caCert);
        try (ApiInvoker invoker = invoker(endpoint)) {
            return run(invoker, m, version);
        } catch (CapifCallException e) {
            out.println("refused: " + e.getMessage());
            return 1;
        }
    }

    private ApiInvoker invoker(CcfEndpoint endpoint) throws Exception {
        Optional<InvokerState> saved = state == null ? Optional.empty() : InvokerState.load(state);
        if (saved.isPresent()) {
            out.println("invoker " + saved.get().id() + " (saved in " + state + ")");
            return ApiInvoker.restore(endpoint, saved.get().id(), saved.get().credentials(), notify);
        }
        String token = credential == null ? null
                : java.nio.file.Files.readString(credential, StandardCharsets.US_ASCII).strip();
        ApiInvoker invoker = ApiInvoker.onboard(endpoint, notify, "keygate capif invoker", token);
        out.println("onboarded: apiInvokerId " + invoker.id());
        if (state != null) {
            new InvokerState(invoker.id(), invoker.credentials()).save(state);
        }
        return invoker;
    }

    private int run(ApiInvoker invoker, SecurityMethod m, TlsVersion version) throws CapifCallException {
        DiscoveredAPIs found = invoker.discover("api-name=" + java.net.URLEncoder.encode(apiName,
                StandardCharsets.UTF_8));
        if (found.serviceAPIDescriptions() == null) {
            out.println("refused: discovery found no API named " + apiName);
            return 1;
        }
        var api = found.serviceAPIDescriptions().getFirst();
        AefProfile profile = api.aefProfiles().getFirst();
        InterfaceDescription iface = profile.interfaceDescriptions().getFirst();
        AefInterfaceId aef = iface.aefInterfaceId();
        out.println("discovered: " + api.apiName() + " (" + api.apiId() + ") at " + aef.text());
        ServiceSecurity sel = invoker.requestSecurity(List.of(new SecurityInformation(iface, null, null, List.of(m),
                null, null, null)));
        out.println("security method: " + sel.securityInfo().getFirst().selSecurityMethod().value());
        SbiResponse r;
        if (m.equals(SecurityMethod.PSK)) {
            out.println("PSK identity: " + invoker.id() + ", AEFPSK SHA-256 fingerprint: "
                    + invoker.aefPsk(aef).orElseThrow().sha256Fingerprint());
            r = invoker.callWithPsk(aef, path, version);
        } else if (m.equals(SecurityMethod.PKI)) {
            r = invoker.callWithCertificate(aef, ccfName, path);
        } else {
            r = invoker.callWithToken(aef, ccfName, path, invoker.requestToken(profile.aefId(), api.apiName())
                    .accessToken());
        }
        out.println("GET " + aef.apiPrefix() + path + ": " + r.status() + " "
                + new String(r.body(), StandardCharsets.UTF_8));
        return r.status() / 100 == 2 ? 0 : 1;
    }
}
