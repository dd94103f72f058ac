package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.config.AefSettings;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.http.BcHttpClient;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.cli.ClosedAfterEach;
import org.keygate.sbi.config.ReloadOutcome;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/**
 * A reload of the AEF's ccfCa (issue 18 item 1, docs/CAPIF.md "Reload"), CCF and AEF on loopback: with A the CCF's
 * CA and B another, an AEF trusting A refuses an invoker certificate from B; after a reload to A+B (a roll-over's
 * file) it accepts B, keeps the established A connection and its CAPIF-3 lookups (a PSK handshake); after a reload to
 * B alone it closes the A connection and refuses new A handshakes.
 */
class CapifAefCcfCaReloadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String NOTIFY = "http://127.0.0.1:9/";
    @RegisterExtension
    final ClosedAfterEach closed = new ClosedAfterEach();

    @Test
    void aNewCcfCaAppliesToNewHandshakesAndClosesTheConnectionsItNoLongerCovers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        Path ccfYaml = Files.writeString(dir.resolve("ccf.yaml"), "bind: 127.0.0.1:0\nstateDir: ccf\n"
                + "serverNames: [localhost]\nregistrationSecretFile: regsec.txt\nonboardingCredentials: open\n");
        CapifCcfCommand.Running ccf = closed.keep(CapifCcfCommand.start(ccfYaml, CcfSettings.load(ccfYaml)));
        String caA = Files.readString(dir.resolve("ccf/ca.crt"));
        X509Certificate a = PemFiles.readCertificates(dir.resolve("ccf/ca.crt")).getFirst();
        LabCa b = LabCa.create("another CA", Duration.ofDays(2));
        String caB = pem(b.certificate());
        Path ccfCa = Files.writeString(dir.resolve("ccf-ca.crt"), caA);
        int admin = FreePorts.loopback(1)[0];
        Path yaml = Files.writeString(dir.resolve("aef.yaml"), "ccf: 127.0.0.1:" + ccf.ccf().localAddress().getPort()
                + "\nccfName: localhost\nccfCa: ccf-ca.crt\nregistrationSecretFile: regsec.txt\nstateDir: aef\n"
                + "host: 127.0.0.1\nport: 0\nsecurityApiPort: 0\napiPrefix: /nef-demo\napiName: nef-demo\n"
                + "admin: 127.0.0.1:" + admin + "\n");
        CapifAefCommand.Running aef = closed.keep(CapifAefCommand.start(yaml, AefSettings.load(yaml)));
        InetSocketAddress capif2e = aef.aef().capif2eAddress();

        ApiInvoker invokerA = closed.keep(ApiInvoker.onboard(new CcfEndpoint(ccf.ccf().localAddress(), "localhost", a),
                NOTIFY, "an invoker with a certificate from A"));
        LabCa.Issued issuedB = b.issue(List.of("invoker-b.example"), List.of());
        TlsKeyMaterial fromB = new TlsKeyMaterial(issuedB.keyPair().getPrivate(), List.of(issuedB.certificate()));
        BcHttpClient client = closed.keep(new BcHttpClient(TIMEOUT));

        // trusting A: the B invoker's handshake is refused, the A invoker's succeeds and serves
        assertThatThrownBy(() -> connect(client, capif2e, fromB, a)).as("B before the reload")
                .hasStackTraceContaining("bad_certificate");
        BcHttpClient.Connection kept = connect(client, capif2e, invokerA.credentials(), a);
        assertThat(hello(kept)).isPositive();

        // ccfCa = A+B (a CA roll-over's file): B is accepted, the A connection stays and serves
        Files.writeString(ccfCa, caA + caB);
        assertThat(reload(aef)).contains("ccfCa 2 CA certificate(s), 0 client connection(s) closed")
                .doesNotContain("CCF connection re-established");
        BcHttpClient.Connection withB = connect(client, capif2e, fromB, a);
        assertThat(withB.session().peerCertificates()).as("the AEF's chain to the B invoker").isNotEmpty();
        assertThat(hello(kept)).as("the A connection kept across the reload").isPositive();
        assertThat(scrape(admin)).contains("keygate_tls_certificate_expiry_seconds{name=\"ca[1]\",role=\"anchor\"}");
        // CAPIF-3 lookups keep working: a PSK handshake needs the CCF's 200 with AEFPSK
        InterfaceDescription iface = invokerA.discover("api-name=nef-demo").serviceAPIDescriptions().getFirst()
                .aefProfiles().getFirst().interfaceDescriptions().getFirst();
        invokerA.requestSecurity(List.of(new SecurityInformation(iface, null, null, List.of(SecurityMethod.PSK), null,
                null, null)));
        assertThat(invokerA.callWithPsk(iface.aefInterfaceId(), "/hello", TlsVersion.TLS_1_3).status())
                .isEqualTo(200);

        // ccfCa = B alone: the A connection is closed, the B one stays, a new A handshake is refused
        Files.writeString(ccfCa, caB);
        assertThat(reload(aef)).contains("ccfCa 1 CA certificate(s), 1 client connection(s) closed")
                .contains("the CCF connection re-established");
        for (int i = 0; i < 100 && kept.isOpen(); i++) {
            Thread.sleep(100);
        }
        assertThat(kept.isOpen()).as("the A invoker's connection after the reload to B").isFalse();
        assertThat(hello(withB)).as("the B connection kept").isPositive();
        assertThatThrownBy(() -> connect(client, capif2e, invokerA.credentials(), a)).as("A after the reload to B")
                .hasStackTraceContaining("bad_certificate");
        assertThat(scrape(admin)).doesNotContain("name=\"ca[1]\"")
                .contains("keygate_tls_untrusted_connections_closed_total{listener=\"capif-2e\"} 1.0");
    }

    /** TLS 1.2: the client learns of a refused certificate in the handshake (in 1.3 only after its Finished). */
    private static BcHttpClient.Connection connect(BcHttpClient client, InetSocketAddress aef, TlsKeyMaterial own,
            X509Certificate aefCa) throws Exception {
        return client.connect(aef, BcTlsClientConfig.builder().trustAnchors(List.of(aefCa)).serverName("localhost")
                .keyMaterial(own).versions(TlsVersion.TLS_1_2).build()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A GET on the connection: its status, whatever the authorization (the TLS connection is what is tested). */
    private static int hello(BcHttpClient.Connection c) throws Exception {
        return c.send(new SbiRequest("GET", "/nef-demo/hello", SbiHeaders.empty(), null))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status();
    }

    private static String reload(CapifAefCommand.Running aef) throws Exception {
        ReloadOutcome outcome = aef.reload().submit().get(30, TimeUnit.SECONDS);
        assertThat(outcome).as(outcome.message()).isInstanceOf(ReloadOutcome.Applied.class);
        return outcome.message();
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static String scrape(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

}
