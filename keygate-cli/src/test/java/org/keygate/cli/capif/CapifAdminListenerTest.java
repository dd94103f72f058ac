package org.keygate.cli.capif;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.config.AefSettings;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.tls.jsse.PemFiles;

/**
 * The admin listeners of {@code keygate capif ccf} and {@code keygate capif aef} (issue 13 items 3 and 6): health,
 * Prometheus metrics with the notification counters moving when a real notification reaches a plain HTTP/1.1
 * receiver (the JDK's own server), and the certificates' notAfter as read from the PEM files.
 */
class CapifAdminListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @TempDir
    Path dir;

    HttpResponse<String> get(InetSocketAddress admin, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + path))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample whose line starts with {@code series} (name and labels as Prometheus writes them). */
    static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l ->
                Double.parseDouble(l.substring(series.length() + 1).strip())).findFirst()
                .orElseThrow(() -> new AssertionError(series + " not in\n" + metrics));
    }

    static long notAfter(Path pem) throws Exception {
        return PemFiles.readCertificates(pem).getFirst().getNotAfter().toInstant().getEpochSecond();
    }

    @Test
    void ccfAndAefServeHealthAndMetricsWithNotificationCountsAndCertificateExpiry() throws Exception {
        Files.writeString(dir.resolve("regsec.txt"), "a-registration-secret-of-some-length\n");
        Files.writeString(dir.resolve("ccf.yaml"), "bind: 127.0.0.1:0\nstateDir: ccf\nserverNames: [localhost]\n"
                + "registrationSecretFile: regsec.txt\nadmin: 127.0.0.1:0\n");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/cb", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try (CapifCcfCommand.Running ccf = CapifCcfCommand.start(dir.resolve("ccf.yaml"),
                CcfSettings.load(dir.resolve("ccf.yaml")))) {
            InetSocketAddress ccfAdmin = ccf.admin().orElseThrow().localAddress();
            int ccfPort = ccf.ccf().localAddress().getPort();
            Files.writeString(dir.resolve("aef.yaml"), "ccf: 127.0.0.1:" + ccfPort + "\n"
                    + "ccfName: localhost\nccfCa: ccf/ca.crt\nregistrationSecretFile: regsec.txt\nstateDir: aef\n"
                    + "host: 127.0.0.1\nport: 0\nsecurityApiPort: 0\napiPrefix: /nef-demo\napiName: nef-demo\n"
                    + "admin: 127.0.0.1:0\n");
            String series = "keygate_capif_notifications_total{channel=\"http\",kind=\"SecurityNotification\",outcome=\"delivered\"}";
            HttpResponse<String> before = get(ccfAdmin, "/metrics");
            assertThat(before.statusCode()).isEqualTo(200);
            assertThat(sample(before.body(), series)).isZero();
            assertThat(sample(before.body(), "keygate_capif_certificate_not_after_seconds{certificate=\"ca\"}"))
                    .isEqualTo(notAfter(dir.resolve("ccf/ca.crt")));
            HttpResponse<String> health = get(ccfAdmin, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");

            try (CapifAefCommand.Running aef = CapifAefCommand.start(dir.resolve("aef.yaml"),
                    AefSettings.load(dir.resolve("aef.yaml")))) {
                InetSocketAddress aefAdmin = aef.admin().orElseThrow().localAddress();
                assertThat(get(aefAdmin, "/healthz").statusCode()).isEqualTo(200);
                String aefMetrics = get(aefAdmin, "/metrics").body();
                assertThat(sample(aefMetrics, "keygate_capif_certificate_not_after_seconds{certificate=\"aef\"}"))
                        .isEqualTo(notAfter(dir.resolve("aef/aef.crt")));

                X509Certificate ca = PemFiles.readCertificates(dir.resolve("ccf/ca.crt")).getFirst();
                ApiInvoker inv = ApiInvoker.onboard(new CcfEndpoint(ccf.ccf().localAddress(), "localhost", ca),
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb", "admin test",
                        org.keygate.capif.ca.OnboardingCredential.issue(ccf.ccf().ca(), "admin test",
                                java.util.List.of("nef-demo"), Duration.ofHours(1), java.time.Clock.systemUTC()));
                String apiId = Files.readString(dir.resolve("aef/api.id")).strip();
                inv.requestSecurity(java.util.List.of(new SecurityInformation(aef.aef().interfaceDescription(), null,
                        apiId, java.util.List.of(SecurityMethod.PSK), null, null, null)));
                aef.aef().revokeAll(inv.id());
                String body = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(body).as("the SecurityNotification at the HTTP/1.1 receiver").contains(inv.id());
                double delivered = 0;
                for (int i = 0; i < 100 && delivered < 1; i++) { // counted right after the receiver's answer
                    delivered = sample(get(ccfAdmin, "/metrics").body(), series);
                    if (delivered < 1) {
                        Thread.sleep(50);
                    }
                }
                assertThat(delivered).isEqualTo(1);
            }
        } finally {
            receiver.stop(0);
        }
    }
}
