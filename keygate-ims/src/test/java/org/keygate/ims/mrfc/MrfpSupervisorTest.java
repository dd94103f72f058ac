package org.keygate.ims.mrfc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.ims.mrfp.Mrfp;
import org.keygate.ims.mrfp.MrfpControlApi;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sbi.server.SbiServer;

/**
 * {@link MrfpSupervisor} against real MRFPs behind one control listener: an MRFP restart (a new {@link Mrfp} behind
 * the same address, its conferences gone) is a 404 for the polled conference, reported lost and followed by a new
 * conference; a listener that is gone is lost after two polls and stays lost.
 */
class MrfpSupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    private final AtomicReference<SbiHandler> behind = new AtomicReference<>();
    private Mrfp first;
    private Mrfp second;
    private SbiServer listener;
    private MrfpControlClient client;
    private MrfpSupervisor supervisor;

    @BeforeEach
    void start() {
        first = new Mrfp("127.0.0.1");
        behind.set(new MrfpControlApi(first));
        listener = SbiServer.builder().name("mrfp-control").bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler((request, connection) -> behind.get().handle(request, connection)).build().start();
        client = new MrfpControlClient(URI.create("http://127.0.0.1:" + listener.localAddress().getPort()));
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        listener.close();
        first.close();
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aRestartedMrfpIsLostWithTheReasonAndGetsTheConferenceAgain() throws Exception {
        CompletableFuture<String> lost = new CompletableFuture<>();
        supervisor = new MrfpSupervisor(client, 7, List.of(1, 2), POLL).onLost(lost::complete);
        String before = supervisor.conferenceId();
        assertThat(first.conference(before)).isPresent();
        assertThat(supervisor.down()).isEmpty();
        // the route the supervisor polls, as any HTTP client sees it
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> held = http.send(HttpRequest.newBuilder(client.base().resolve("/mrfp/v1/conferences/"
                    + before)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.statusCode()).isEqualTo(200);
            assertThat(held.body()).isEqualTo("{\"conferenceId\":\"" + before + "\"}");
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(client.base().resolve(
                    "/mrfp/v1/conferences/0123456789abcdef")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("CONTEXT_NOT_FOUND");
        }

        second = new Mrfp("127.0.0.1");
        behind.set(new MrfpControlApi(second));
        assertThat(lost.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("the MRFP at " + client.base()
                + " no longer has conference " + before + " (it restarted)");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (supervisor.down().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(supervisor.down()).as("back within %s", WAIT).isEmpty();
        String after = supervisor.conferenceId();
        assertThat(after).isNotEqualTo(before);
        assertThat(second.conference(after)).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(after));
    }

    @Test
    void anMrfpThatDoesNotAnswerIsLostAfterTwoPollsAndNewCallsAreRefused() throws Exception {
        CompletableFuture<String> lost = new CompletableFuture<>();
        supervisor = new MrfpSupervisor(client, 1, List.of(1), POLL).onLost(lost::complete);
        listener.close();
        assertThat(lost.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("the MRFP at " + client.base()
                + " did not answer " + MrfpSupervisor.FAILED_POLLS + " polls in a row: MRFP control GET /mrfp/v1/conferences/");
        assertThat(supervisor.down()).isPresent();
        assertThatThrownBy(supervisor::conferenceId).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MRFP unavailable: the MRFP at " + client.base());
    }
}
