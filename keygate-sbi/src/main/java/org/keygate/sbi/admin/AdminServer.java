package org.keygate.sbi.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;

/**
 * The admin listener: {@code GET /healthz} (200 UP or 503 DOWN), {@code GET /metrics} (Prometheus text
 * exposition) and the node's own JSON views (e.g. a SEPP's {@code GET /status}), cleartext HTTP/1.1 or h2c. Keep it
 * on a management address: it has no authentication. A JSON view is computed per request; it must hold no keys.
 */
public final class AdminServer implements AutoCloseable {
    /** The Prometheus text format version Micrometer writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final SbiServer server;

    private AdminServer(SbiServer server) {
        this.server = server;
    }

    public static AdminServer start(InetSocketAddress bind, PrometheusMeterRegistry meters, BooleanSupplier healthy) {
        return start(bind, meters, healthy, Map.of());
    }

    /**
     * With {@code jsonViews}: each path (e.g. {@code /status}) answers {@code GET} with the UTF-8 JSON its supplier
     * makes at that moment.
     */
    public static AdminServer start(InetSocketAddress bind, PrometheusMeterRegistry meters, BooleanSupplier healthy,
            Map<String, Supplier<byte[]>> jsonViews) {
        return start(bind, meters, healthy, jsonViews, Map.of());
    }

    /**
     * With {@code actions} as well: each path (e.g. a SEPP's {@code /reload}) answers {@code POST} (its body is not
     * read) with the answer its supplier completes; the supplier must not block the listener's thread.
     */
    public static AdminServer start(InetSocketAddress bind, PrometheusMeterRegistry meters, BooleanSupplier healthy,
            Map<String, Supplier<byte[]>> jsonViews, Map<String, Supplier<CompletableFuture<SbiResponse>>> actions) {
        Map<String, Supplier<byte[]>> views = Map.copyOf(jsonViews);
        Map<String, Supplier<CompletableFuture<SbiResponse>>> posts = Map.copyOf(actions);
        String served = "GET /healthz, GET /metrics" + views.keySet().stream().sorted().map(v -> ", GET " + v)
                .reduce("", String::concat) + posts.keySet().stream().sorted().map(v -> ", POST " + v)
                .reduce("", String::concat);
        SbiServer server = SbiServer.builder().name("admin").bind(bind).cleartext().meterRegistry(meters)
                .maxRequestBodyBytes(1024)
                .handler((request, connection) -> request.method().equals("POST")
                        && posts.containsKey(request.pathWithoutQuery())
                        ? posts.get(request.pathWithoutQuery()).get() : CompletableFuture.completedFuture(
                        switch (request.method() + " " + request.pathWithoutQuery()) {
                            case "GET /healthz" -> healthy.getAsBoolean()
                                    ? SbiResponse.json(200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8))
                                    : SbiResponse.json(503, "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8));
                            case "GET /metrics" -> new SbiResponse(200, SbiHeaders.of("content-type", PROMETHEUS_TEXT),
                                    meters.scrape().getBytes(StandardCharsets.UTF_8));
                            default -> request.method().equals("GET") && views.containsKey(request.pathWithoutQuery())
                                    ? SbiResponse.json(200, views.get(request.pathWithoutQuery()).get())
                                    : SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem(
                                            "the admin listener serves " + served));
                        }))
                .build().start();
        return new AdminServer(server);
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
    }
}
