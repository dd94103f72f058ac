package org.keygate.cli.ims;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;

/**
 * The IMS daemons' admin listener: {@code GET /metrics} (Prometheus text) as keygate-sbi's {@code AdminServer}, and a
 * {@code GET /healthz} that names what is down and why:
 * {@code {"status":"DOWN","checks":{"kms":{"status":"UP"},"mrfp":{"status":"DOWN","reason":"..."}}}} (503), or
 * 200 {@code UP} when every check is. {@code AdminServer} answers only UP or DOWN; this one is kept apart so the SEPP's
 * stays as it is (folding a reason into {@code AdminServer} is for keygate-sbi's owner). No authentication: a
 * management address.
 */
final class ImsAdminServer implements AutoCloseable {
    /** The Prometheus text format version Micrometer writes. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final SbiServer server;

    private ImsAdminServer(SbiServer server) {
        this.server = server;
    }

    /**
     * @param checks each dependency's name and, when it is down, why; read at each request, so it must not block
     * @param reload what {@code POST /reload} runs (issue 18: the daemon re-reads its own file, as a SEPP's admin
     *     listener does), or empty where the daemon has nothing to reload: 404 then
     */
    static ImsAdminServer start(InetSocketAddress bind, PrometheusMeterRegistry meters,
            Supplier<Map<String, Optional<String>>> checks,
            Optional<Supplier<CompletableFuture<SbiResponse>>> reload) {
        SbiServer server = SbiServer.builder().name("admin").bind(bind).cleartext().meterRegistry(meters)
                .maxRequestBodyBytes(1024)
                .handler((request, connection) -> switch (request.method() + " " + request.pathWithoutQuery()) {
                    case "GET /healthz" -> CompletableFuture.completedFuture(health(checks.get()));
                    case "GET /metrics" -> CompletableFuture.completedFuture(new SbiResponse(200,
                            SbiHeaders.of("content-type", PROMETHEUS_TEXT),
                            meters.scrape().getBytes(StandardCharsets.UTF_8)));
                    case "POST /reload" -> reload.map(Supplier::get)
                            .orElseGet(() -> CompletableFuture.completedFuture(notFound()));
                    default -> CompletableFuture.completedFuture(notFound());
                })
                .build().start();
        return new ImsAdminServer(server);
    }

    private static SbiResponse notFound() {
        return SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem(
                "the admin listener serves GET /healthz, GET /metrics and, on the KMS and the MRFC, POST /reload"));
    }

    static SbiResponse health(Map<String, Optional<String>> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> each = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, Optional<String>> c : checks.entrySet()) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("status", c.getValue().isEmpty() ? "UP" : "DOWN");
            c.getValue().ifPresent(reason -> one.put("reason", reason));
            each.put(c.getKey(), one);
            up &= c.getValue().isEmpty();
        }
        body.put("status", up ? "UP" : "DOWN");
        if (!each.isEmpty()) {
            body.put("checks", each);
        }
        return SbiResponse.json(up ? 200 : 503, SbiJson.write(body));
    }

    InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
    }
}
