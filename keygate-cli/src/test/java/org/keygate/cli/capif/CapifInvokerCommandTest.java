package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.Pem;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.MvCapifStore;
import picocli.CommandLine;

/** {@code keygate capif invoker} against a CCF and an AEF on loopback, with each security method. */
class CapifInvokerCommandTest {
    static final String REG_SEC = "cli-registration-secret-0123456789";
    @TempDir
    Path dir;
    MvCapifStore store;
    CapifCoreFunction ccf;
    ApiExposingFunction aef;

    @BeforeEach
    void start() throws Exception {
        store = MvCapifStore.inMemory();
        CcfCertificateAuthority ca = CcfCertificateAuthority.create("cli CCF", Duration.ofDays(1), Clock.systemUTC());
        Files.writeString(dir.resolve("ca.crt"), Pem.of(ca.certificate()));
        ccf = CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", 0)).store(store).ca(ca)
                .registrationSecret(REG_SEC).build().start();
        CcfEndpoint endpoint = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
        ProviderDomain domain = ProviderDomain.register(endpoint, REG_SEC, "localhost");
        aef = new ApiExposingFunction(domain.aef(), endpoint, "127.0.0.1", "/nef-demo").start(0, 0);
        var api = domain.publish(endpoint, new ServiceAPIDescription("nef-demo", null, List.of(new AefProfile(
                aef.aefId(), List.of(new Version("v1", null, List.of(new Resource("hello", "REQUEST_RESPONSE", "/hello",
                        List.of("GET"))))), "HTTP_1_1", "JSON", null, null, List.of(aef.interfaceDescription()))),
                null, null, null, null, null));
        aef.serve(api.apiId(), api.apiName());
    }

    @AfterEach
    void stop() {
        aef.close();
        ccf.close();
        store.close();
    }

    record Run(int code, String out) {}

    Run invoker(String... extra) {
        CapifInvokerCommand cmd = new CapifInvokerCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("--ccf", "127.0.0.1:" + ccf.localAddress().getPort(),
                "--ca", dir.resolve("ca.crt").toString()));
        if (!List.of(extra).contains("--api-name")) {
            args.addAll(List.of("--api-name", "nef-demo"));
        }
        args.addAll(List.of(extra));
        int code = new CommandLine(cmd).execute(args.toArray(String[]::new));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pskOverTls12And13ThenTheSavedInvokerAgain() throws Exception {
        Path state = dir.resolve("inv");
        Run first = invoker("--state", state.toString());
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).containsPattern("onboarded: apiInvokerId INV[0-9a-f]{32}")
                .contains("security method: PSK").containsPattern("AEFPSK SHA-256 fingerprint: [0-9a-f]{64}")
                .contains("GET /nef-demo/hello: 200");
        String id = Files.readString(state.resolve("invoker.id")).strip();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("invoker.key"))))
                .isEqualTo("rw-------");
        Run again = invoker("--state", state.toString(), "--tls", "1.3");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("invoker " + id + " (saved in").contains("\"hello\":\"" + id + "\"");
    }

    @Test
    void pkiAndOauth() {
        for (String m : List.of("PKI", "OAUTH")) {
            Run r = invoker("--method", m);
            assertThat(r.code()).as(r.out()).isZero();
            assertThat(r.out()).contains("security method: " + m).contains("\"securityMethod\":\"" + m + "\"")
                    .doesNotContain("fingerprint");
        }
    }

    @Test
    void refusalsAreExplained() {
        Run none = invoker("--api-name", "nope");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).contains("refused: discovery found no API named nope");
        assertThat(invoker("--method", "MAGIC").code()).isEqualTo(2);
    }
}
