package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.keygate.ipx.node.IpxNode;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.CrlServer;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.sepp.node.SeppNode;

/**
 * The revocation tests' lab (issue 18), a JUnit extension: before each test, the {@link IpxLab} path vSEPP -> IPX ->
 * hSEPP on loopback (in a fresh directory) and a {@link CrlServer} on 127.0.0.1, so that a test configures a node with
 * that CRL, revokes a certificate by publishing a new one and waits for the node's refresh to learn of it. It starts
 * the nodes a test configures, answers at the home SEPP as a UDM would, and after each test stops everything and
 * removes the directory. Each test keeps what it revokes and what it expects of that.
 */
final class RevocationLab implements BeforeEachCallback, AfterEachCallback {
    /** How long a test waits for a refresh or a connection to close. */
    static final Duration BOUND = Duration.ofSeconds(20);
    /** The refresh interval of the CRLs configured here: two refreshes fit well inside {@link #BOUND}. */
    static final Duration REFRESH = Duration.ofSeconds(1);

    IpxLab ipxLab;
    CrlServer crls;
    /** The requests the home SEPP delivered to its (in-process) UDM, in order. */
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();
    SeppNode home;
    SeppNode visited;
    IpxNode ipx;
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("keygate-revocation-lab");
        ipxLab = new IpxLab(dir);
        crls = CrlServer.start();
    }

    /** {@code c} checking the certificates under {@code anchor} against the CRL published here. */
    SeppConfig withRevocation(SeppConfig c, X509Certificate anchor) {
        return new SeppConfig(c.name(), c.n32c(), c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), c.peers(), c.n32fListener(), c.homeNfs(), c.sbiListener(), c.edge(), c.h2(),
                c.drainTimeout(), List.of(crls.revocation(anchor, REFRESH)));
    }

    void startHome(SeppConfig config) throws Exception {
        home = SeppNode.start(config, Clock.systemUTC(), this::answer);
    }

    void startIpx(IpxNodeConfig config) throws Exception {
        ipx = IpxNode.start(config);
    }

    void startVisited(SeppConfig config) throws Exception {
        visited = SeppNode.start(config, Clock.systemUTC(), this::answer);
    }

    /** The home network's UDM: records the request and answers 200 with an authType. */
    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode body = SbiJson.mapper().createObjectNode().put("authType", "5G_AKA");
        return CompletableFuture.completedFuture(
                new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), body));
    }

    /** A generate-auth-data request from the visited SEPP to its first peer, the home SEPP, through the IPX. */
    CompletableFuture<ClearResponse> send() {
        ObjectNode body = SbiJson.mapper().createObjectNode().put("servingNetworkName",
                "5G:mnc099.mcc999.3gppnetwork.org");
        return visited.forwarder().forward(visited.config().peers().getFirst(), new ClearRequest("POST", "http",
                "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/imsi-999990000000001/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"), Map.entry("3gpp-sbi-originating-network-id",
                        "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), body));
    }

    /** Sends as {@link #send()}, asserts the visited SEPP refuses it, and returns the refusal's ProblemDetails. */
    ProblemDetails sendRefused() {
        Throwable t = catchThrowable(() -> send().get(30, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(N32fForwardingException.class);
        return ((N32fForwardingException) t.getCause()).problem();
    }

    /** The CRL fetches that succeeded at the node with {@code meters}. */
    static double refreshes(MeterRegistry meters) {
        return meters.get("keygate_tls_crl_refresh_total").tag("outcome", "ok").counter().count();
    }

    /** The open connections of the node's server named {@code server}. */
    static double active(MeterRegistry meters, String server) {
        return meters.get("keygate_sbi_connections_active").tag("server", server).gauge().value();
    }

    /** Polls {@code condition} for at most {@link #BOUND}, then asserts it. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Stops every node started here, the visited SEPP first, then the CRL server; throws the first failure. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable c : new AutoCloseable[] {visited, ipx, home, crls}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        // The lab's PEM files and keys; JUnit's @TempDir serves test classes, not extensions.
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        if (first != null) {
            throw first;
        }
    }
}
