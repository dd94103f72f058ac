package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.http.ProblemDetails;

/** Connection close notifications, the client's response limit, and what a handler failure logs. */
class ConnectionLifecycleTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    /** Stands for key material a request might carry: it must never reach a log line or a response. */
    private static final String SECRET = "c2VjcmV0LWtleS1tYXRlcmlhbA";

    private final CompletableFuture<SbiConnection> seen = new CompletableFuture<>();
    private SbiServer server;
    private SbiClient client;

    private CompletableFuture<SbiResponse> handle(SbiRequest r, SbiConnection c) {
        seen.complete(c);
        return switch (r.pathWithoutQuery()) {
            case "/big" -> CompletableFuture.completedFuture(SbiResponse.json(200, new byte[100]));
            case "/fail", "/fail/nudm-ueau/v1/imsi-001010000000001/auth-events" -> CompletableFuture.failedFuture(new IllegalStateException("handler bug"));
            default -> CompletableFuture.completedFuture(SbiResponse.noContent());
        };
    }

    private SbiClientConnection connect(int maxResponseBodyBytes) throws Exception {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().handler(this::handle).build().start();
        client = SbiClient.builder().cleartext().maxResponseBodyBytes(maxResponseBodyBytes)
                .requestTimeout(Duration.ofSeconds(10)).build();
        return client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void closingTheClientConnectionCompletesBothEndsCloseFutures() throws Exception {
        SbiClientConnection c = connect(1024);
        assertThat(c.send(SbiRequest.json("DELETE", "/x", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
        SbiConnection serverSide = seen.get(10, TimeUnit.SECONDS);
        assertThat(serverSide.protocol()).isEqualTo("h2c");
        assertThat(serverSide.tlsSession()).isEmpty();
        assertThat(serverSide.peerCertificates()).isEmpty();
        assertThat(serverSide.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(serverSide.closeFuture().toCompletableFuture()).isNotDone();

        c.close();
        c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
        serverSide.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aResponseBodyOverTheClientLimitFailsTheRequestNotByTimeout() throws Exception {
        SbiClientConnection c = connect(16);
        assertThatThrownBy(() -> c.send(SbiRequest.json("GET", "/big", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(TimeoutException.class);
        // Only that stream failed: the connection still carries requests.
        assertThat(c.send(SbiRequest.json("GET", "/small", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
    }

    /** Issue 12 item 4: no SUPI in a log line at INFO or above; the path is there with the identity masked. */
    @Test
    void aFailedRequestsPathIsLoggedWithTheSubscriberIdentityMasked() throws Exception {
        SbiClientConnection c = connect(1024);
        try (LogCapture log = new LogCapture(HandlerInvoker.class)) {
            assertThat(c.send(SbiRequest.json("POST", "/fail/nudm-ueau/v1/imsi-001010000000001/auth-events",
                    new byte[0]), "localhost", "http").get(10, TimeUnit.SECONDS).status()).isEqualTo(500);
            assertThat(log.next().getFormattedMessage()).contains("/fail/nudm-ueau/v1/imsi-***/auth-events")
                    .doesNotContain("001010000000001");
        }
    }

    @Test
    void aFailedHandlerIsLoggedOnceWithTheConnectionIdButNotTheRequestsQueryOrBody() throws Exception {
        SbiClientConnection c = connect(1024);
        try (LogCapture log = new LogCapture(HandlerInvoker.class)) {
            SbiResponse rsp = c.send(SbiRequest.json("POST", "/fail?token=" + SECRET,
                    ("{\"key\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8)), "localhost", "http")
                    .get(10, TimeUnit.SECONDS);
            assertThat(rsp.status()).isEqualTo(500);
            ProblemDetails problem = SbiJson.read(rsp.body(), ProblemDetails.class);
            assertThat(problem.cause()).isEqualTo("SYSTEM_FAILURE");
            assertThat(problem.status()).isEqualTo(500);
            assertThat(new String(rsp.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);

            ILoggingEvent line = log.next();
            String id = seen.get(10, TimeUnit.SECONDS).id();
            assertThat(line.getFormattedMessage()).contains(id, "/fail", "handler bug").doesNotContain(SECRET);
            assertThat(log.rest()).isEmpty();
        }
    }
}
