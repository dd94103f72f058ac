package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.cli.ClosedAfterEach;
import org.keygate.cli.KeygateCommand;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.PemFiles;

/**
 * Reload of the CAPIF daemons' files (issue 18 item 1, docs/CAPIF.md "Reload"), the daemons as processes: SIGHUP and
 * {@code keygate capif ccf|aef reload}. An invalid file is refused naming the member while the running configuration
 * keeps answering; a member only a restart changes is refused saying so (exit 1); a valid file applies from the next
 * request on: the CCF's onboarding policy and the lifetime of the certificates it issues, the AEF's API name as the
 * CCF's discovery answers it.
 */
class CapifReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NOTIFY = "http://127.0.0.1:9/";
    private static final String SECRET = "a-registration-secret-of-some-length\n";
    @RegisterExtension
    final ClosedAfterEach closed = new ClosedAfterEach();

    @Test
    void theCcfTakesANewPolicyAndRefusesAnInvalidFileAndARestartOnlyChange(@TempDir Path dir) throws Exception {
        int[] ports = FreePorts.loopback(2);
        Files.writeString(dir.resolve("regsec.txt"), SECRET);
        String base = "bind: 127.0.0.1:" + ports[0] + "\nstateDir: ccf\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nadmin: 127.0.0.1:" + ports[1] + "\n";
        String good = base + "ca: {certificateValidityDays: 30}\n";
        Path yaml = Files.writeString(dir.resolve("ccf.yaml"), good);
        LabProcess ccf = closed.keep(KeygateProcess.start("ccf", dir, "capif", "ccf", "--config", yaml.toString()));
        ccf.awaitLog("keygate capif ccf: listening", WAIT);
        X509Certificate ca = PemFiles.readCertificates(dir.resolve("ccf/ca.crt")).getFirst();
        CcfEndpoint endpoint = new CcfEndpoint(new InetSocketAddress("127.0.0.1", ports[0]), "localhost", ca);

        // before: onboarding needs a credential; the invoker with one gets a certificate of 30 days
        assertThatThrownBy(() -> ApiInvoker.onboard(endpoint, NOTIFY, "no credential"))
                .isInstanceOf(CapifCallException.class).hasMessageContaining("ONBOARDING_CREDENTIAL_REQUIRED");
        Result issued = run("capif", "credential", "--state-dir", dir.resolve("ccf").toString(), "--subject",
                "reload test", "--apis", "nef-demo", "--out", dir.resolve("inv.credential").toString());
        assertThat(issued.code()).as(issued.err()).isZero();
        ApiInvoker first = ApiInvoker.onboard(endpoint, NOTIFY, "with a credential",
                Files.readString(dir.resolve("inv.credential")).strip());
        // notBefore is a minute back, for clocks behind the CCF's (CcfCertificateAuthority)
        assertThat(lifetime(first)).isEqualTo(Duration.ofDays(30).plusMinutes(1));

        // SIGHUP with an invalid file: refused naming the member and its value; the CCF answers as before
        Files.writeString(yaml, good.replace("certificateValidityDays: 30", "certificateValidityDays: 0"));
        hangUp(ccf);
        ccf.awaitLog("configuration reload refused", WAIT);
        assertThat(Files.readString(ccf.log())).contains("CCF: configuration reload refused, the running configuration"
                + " stays: " + yaml + ": ca.certificateValidityDays: 0 (expected: 1..7320 days)");
        assertThat(first.discover("").serviceAPIDescriptions()).as("discovery after the refused reload").isNull();
        assertThatThrownBy(() -> ApiInvoker.onboard(endpoint, NOTIFY, "no credential"))
                .hasMessageContaining("ONBOARDING_CREDENTIAL_REQUIRED");

        // a member only a restart changes: refused by the CCF, exit 1, the member and both values named
        Files.writeString(yaml, good.replace("bind: 127.0.0.1:" + ports[0], "bind: 127.0.0.1:1"));
        Result restartOnly = run("capif", "ccf", "reload", "--config", yaml.toString());
        assertThat(restartOnly.code()).as(restartOnly.err()).isEqualTo(1);
        assertThat(restartOnly.err()).contains(yaml + ": bind: 127.0.0.1:1 (running: 127.0.0.1:" + ports[0] + ")")
                .contains("restart the CCF to apply it");

        // a valid file: onboarding open, certificates of 7 days, from the next request on
        Files.writeString(yaml, base + "ca: {certificateValidityDays: 7}\nonboardingCredentials: open\n");
        Result applied = run("capif", "ccf", "reload", "--config", yaml.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("reloaded " + yaml).contains("onboardingCredentials open")
                .contains("ca.certificateValidityDays 7").doesNotContain("a-registration-secret");
        ApiInvoker second = ApiInvoker.onboard(endpoint, NOTIFY, "no credential, after the reload");
        assertThat(lifetime(second)).isEqualTo(Duration.ofDays(7).plusMinutes(1));
        assertThat(first.discover("").serviceAPIDescriptions()).as("the invoker onboarded before").isNull();

        assertThat(scrape(ports[1])).contains("keygate_capif_config_reloads_total{outcome=\"applied\"} 1.0")
                .contains("keygate_capif_config_reloads_total{outcome=\"refused\"} 2.0");
        assertThat(ccf.stop()).as("exit code after SIGTERM").isEqualTo(143);
    }

    @Test
    void theAefPublishesANewApiNameAndRefusesAnInvalidFileAndARestartOnlyChange(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), SECRET);
        Path ccfYaml = Files.writeString(dir.resolve("ccf.yaml"), "bind: 127.0.0.1:0\nstateDir: ccf\n"
                + "serverNames: [localhost]\nregistrationSecretFile: regsec.txt\nonboardingCredentials: open\n");
        CapifCcfCommand.Running ccf = closed.keep(CapifCcfCommand.start(ccfYaml, CcfSettings.load(ccfYaml)));
        int admin = FreePorts.loopback(1)[0];
        String good = "ccf: 127.0.0.1:" + ccf.ccf().localAddress().getPort() + "\nccfName: localhost\n"
                + "ccfCa: ccf/ca.crt\nregistrationSecretFile: regsec.txt\nstateDir: aef\nhost: 127.0.0.1\nport: 0\n"
                + "securityApiPort: 0\napiPrefix: /nef-demo\napiName: nef-demo\nadmin: 127.0.0.1:" + admin + "\n";
        Path yaml = Files.writeString(dir.resolve("aef.yaml"), good);
        LabProcess aef = closed.keep(KeygateProcess.start("aef", dir, "capif", "aef", "--config", yaml.toString()));
        aef.awaitLog("keygate capif aef: ", WAIT);

        X509Certificate ca = PemFiles.readCertificates(dir.resolve("ccf/ca.crt")).getFirst();
        ApiInvoker inv = ApiInvoker.onboard(new CcfEndpoint(ccf.ccf().localAddress(), "localhost", ca), NOTIFY,
                "reload test");
        InterfaceDescription iface = named(inv, "nef-demo").aefProfiles().getFirst().interfaceDescriptions()
                .getFirst();
        inv.requestSecurity(List.of(new SecurityInformation(iface, null, null, List.of(SecurityMethod.PSK), null,
                null, null)));
        assertThat(inv.callWithPsk(iface.aefInterfaceId(), "/hello", TlsVersion.TLS_1_3).status()).isEqualTo(200);

        // SIGHUP with an invalid file: refused naming the member; the AEF serves on
        Files.writeString(yaml, good.replace("apiPrefix: /nef-demo", "apiPrefix: nef-demo"));
        hangUp(aef);
        aef.awaitLog("configuration reload refused", WAIT);
        assertThat(Files.readString(aef.log())).contains("configuration reload refused, the running configuration"
                + " stays: " + yaml + ": apiPrefix: nef-demo (expected: empty or starting with /)");
        assertThat(inv.callWithPsk(iface.aefInterfaceId(), "/hello", TlsVersion.TLS_1_3).status())
                .as("a CAPIF-2e call after the refused reload").isEqualTo(200);

        // a member only a restart changes
        Files.writeString(yaml, good.replace("securityApiPort: 0", "securityApiPort: 1"));
        Result restartOnly = run("capif", "aef", "reload", "--config", yaml.toString());
        assertThat(restartOnly.code()).as(restartOnly.err()).isEqualTo(1);
        assertThat(restartOnly.err()).contains(yaml + ": securityApiPort: 1 (running: 0)")
                .contains("restart the AEF to apply it");

        // a valid file with a new API name: published at the CCF, where discovery finds it under the new name only
        Files.writeString(yaml, good.replace("apiName: nef-demo", "apiName: nef-demo-2")
                + "shutdown: {drainTimeout: 5s}\n");
        Result applied = run("capif", "aef", "reload", "--config", yaml.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("apiName nef-demo-2 (was nef-demo, published at the CCF)")
                .contains("shutdown.drainTimeout PT5S");
        assertThat(named(inv, "nef-demo-2").aefProfiles().getFirst().interfaceDescriptions().getFirst()
                .aefInterfaceId()).isEqualTo(iface.aefInterfaceId());
        assertThat(inv.discover("api-name=nef-demo").serviceAPIDescriptions()).as("the old name").isNull();
        assertThat(inv.callWithPsk(iface.aefInterfaceId(), "/hello", TlsVersion.TLS_1_3).status()).isEqualTo(200);

        assertThat(scrape(admin)).contains("keygate_capif_config_reloads_total{outcome=\"applied\"} 1.0")
                .contains("keygate_capif_config_reloads_total{outcome=\"refused\"} 2.0");
        assertThat(aef.stop()).as("exit code after SIGTERM").isEqualTo(143);
    }

    @Test
    void theReloadCommandExitsTwoForAnInvalidFileNoAdminListenerOrNoDaemon(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), SECRET);
        int nobody = FreePorts.loopback(1)[0];
        String base = "bind: 127.0.0.1:0\nstateDir: ccf\nserverNames: [localhost]\nregistrationSecretFile: regsec.txt\n";
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), base + "securityMethods: [MAGIC]\n");
        Result r = run("capif", "ccf", "reload", "--config", invalid.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(invalid + ": securityMethods: [MAGIC] (expected: some of PSK, PKI, OAUTH)");

        Path noAdmin = Files.writeString(dir.resolve("no-admin.yaml"), base);
        r = run("capif", "ccf", "reload", "--config", noAdmin.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(noAdmin + ": admin: absent (expected: the admin listener");

        Path nobodyThere = Files.writeString(dir.resolve("down.yaml"), base + "admin: 127.0.0.1:" + nobody + "\n");
        r = run("capif", "ccf", "reload", "--config", nobodyThere.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot ask http://127.0.0.1:" + nobody + "/reload");

        Path aef = Files.writeString(dir.resolve("aef.yaml"), "ccf: 127.0.0.1:1\nccfName: localhost\n"
                + "ccfCa: missing.crt\nregistrationSecretFile: regsec.txt\nstateDir: aef\nhost: 127.0.0.1\nport: 0\n"
                + "securityApiPort: 0\napiName: nef-demo\nadmin: 127.0.0.1:" + nobody + "\n");
        r = run("capif", "aef", "reload", "--config", aef.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(aef + ": ccfCa: ").contains("missing.crt does not exist");

        // the daemons themselves still require --config (the reload subcommand made it optional for picocli)
        assertThat(run("capif", "ccf").code()).isEqualTo(2);
        assertThat(run("capif", "aef").err()).contains("Missing required option: '--config=<config>'");
    }

    private static Duration lifetime(ApiInvoker invoker) {
        X509Certificate c = (X509Certificate) invoker.credentials().chain().getFirst();
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    private static org.keygate.capif.model.ServiceAPIDescription named(ApiInvoker inv, String apiName)
            throws CapifCallException {
        var found = inv.discover("api-name=" + apiName).serviceAPIDescriptions();
        assertThat(found).as("discovery of " + apiName).hasSize(1);
        return found.getFirst();
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cmd = KeygateCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String scrape(int adminPort) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    /** SIGHUP, as an operator's {@code kill -HUP}. */
    private static void hangUp(LabProcess p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

}
