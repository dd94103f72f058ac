package org.keygate.sbi.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    @Test
    void servesHealthAndPrometheusMetrics() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (AdminServer admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), meters,
                healthy::get)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + admin.localAddress().getPort();
            assertThat(get(http, base + "/healthz").body()).isEqualTo("{\"status\":\"UP\"}");
            healthy.set(false);
            assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(503);
            HttpResponse<String> metrics = get(http, base + "/metrics");
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("keygate_sbi_requests_total{method=\"GET\",server=\"admin\",status=\"200\"}");
            assertThat(get(http, base + "/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void servesEachJsonViewFreshOnGetOnly() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (AdminServer admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), meters,
                () -> true, java.util.Map.of("/status", () -> ("{\"n\":" + calls.incrementAndGet() + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + admin.localAddress().getPort();
            HttpResponse<String> first = get(http, base + "/status");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(first.body()).isEqualTo("{\"n\":1}");
            assertThat(get(http, base + "/status").body()).isEqualTo("{\"n\":2}");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/status"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(404);
            assertThat(post.body()).contains("GET /healthz, GET /metrics, GET /status");
            assertThat(calls.get()).isEqualTo(2);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
