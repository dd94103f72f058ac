package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.bfcp.BfcpAttribute;
import org.keygate.ims.bfcp.BfcpAttributeType;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpMessages;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.bfcp.BfcpRequestStatus;
import org.keygate.ims.ue.UeMediaLink;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.bc.ExternalPsk;

/**
 * The control API end to end: the MRFC's client configures two BFCP streams over HTTP, one where the MRFP is TCP and
 * TLS server, one where it connects and is TLS client (RFC 4583 8: the offerer MRFP is TLS client); two UEs then get
 * HelloAck, a granted floor, a queued one and its grant on release, all over TLS-PSK.
 */
class MrfpControlApiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Mrfp mrfp;
    private SbiServer api;
    private MrfpControlClient client;

    @BeforeEach
    void start() {
        mrfp = new Mrfp("127.0.0.1");
        api = SbiServer.builder().name("mrfp-control").bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler(new MrfpControlApi(mrfp)).build().start();
        client = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
    }

    @AfterEach
    void stop() {
        api.close();
        mrfp.close();
    }

    private static ExternalPsk psk(String identity) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ExternalPsk(identity, SecretBytes.copyOf(key));
    }

    private static BfcpRequestStatus status(Object message) {
        BfcpMessage m = (BfcpMessage) message;
        assertThat(m.primitive()).contains(BfcpPrimitive.FLOOR_REQUEST_STATUS);
        BfcpAttribute.Grouped info = (BfcpAttribute.Grouped) m.all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION).getFirst();
        BfcpAttribute.Grouped overall = (BfcpAttribute.Grouped) info.all(BfcpAttributeType.OVERALL_REQUEST_STATUS).getFirst();
        return BfcpRequestStatus.of(((BfcpAttribute.Fixed) overall.all(BfcpAttributeType.REQUEST_STATUS).getFirst()).value() >> 8)
                .orElseThrow();
    }

    private static int floorRequestId(Object message) {
        return ((BfcpAttribute.Grouped) ((BfcpMessage) message).all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION).getFirst()).id();
    }

    @Test
    void twoUesGetFloorsThroughStreamsConfiguredOverTheApi() throws Exception {
        String conference = client.createConference(77, List.of(1));
        ReservedTermination a = client.reserve(conference, MediaKind.BFCP);
        ReservedTermination b = client.reserve(conference, MediaKind.BFCP);
        assertThat(a.msrpPath()).isNull();
        ExternalPsk pskA = psk("tek-a");
        ExternalPsk pskB = psk("tek-b");
        client.configure(a.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, pskA, null, null, null, 10);
        try (UeMediaLink ueB = UeMediaLink.listen(new InetSocketAddress("127.0.0.1", 0), MediaKind.BFCP,
                ConnectionRole.SERVER, pskB);
                UeMediaLink ueA = UeMediaLink.connect(new InetSocketAddress(a.host(), a.port()), MediaKind.BFCP,
                        ConnectionRole.CLIENT, pskA)) {
            client.configure(b.terminationId(), ConnectionRole.CLIENT, ConnectionRole.CLIENT, pskB, "127.0.0.1",
                    ueB.listenAddress().getPort(), null, 20);
            ueA.awaitTls(WAIT);
            ueB.awaitTls(WAIT);

            ueA.send(new BfcpMessage(BfcpPrimitive.HELLO, 77, 1, 10, List.of()));
            assertThat(((BfcpMessage) ueA.next(WAIT)).primitive()).contains(BfcpPrimitive.HELLO_ACK);
            ueA.send(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 77, 2, 10, List.of(BfcpMessages.floorId(1))));
            Object granted = ueA.next(WAIT);
            assertThat(status(granted)).isEqualTo(BfcpRequestStatus.GRANTED);
            ueB.send(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 77, 1, 20, List.of(BfcpMessages.floorId(1))));
            assertThat(status(ueB.next(WAIT))).isEqualTo(BfcpRequestStatus.ACCEPTED);
            // user 20's User ID on user 10's stream is refused: the stream is bound to its PSK's user
            ueA.send(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, 77, 3, 20, List.of(BfcpMessages.floorId(1))));
            assertThat(((BfcpMessage) ueA.next(WAIT)).primitive()).contains(BfcpPrimitive.ERROR);
            ueA.send(new BfcpMessage(BfcpPrimitive.FLOOR_RELEASE, 77, 4, 10,
                    List.of(BfcpMessages.floorRequestId(floorRequestId(granted)))));
            assertThat(status(ueA.next(WAIT))).isEqualTo(BfcpRequestStatus.RELEASED);
            BfcpMessage notification = (BfcpMessage) ueB.next(WAIT);
            assertThat(status(notification)).isEqualTo(BfcpRequestStatus.GRANTED);
            assertThat(notification.transactionId()).isZero();
        }
        List<MrfpEvent> events = client.events(0);
        assertThat(events).filteredOn(e -> e.type() == MrfpEvent.Type.TLS_ESTABLISHED)
                .extracting(MrfpEvent::terminationId).contains(a.terminationId(), b.terminationId());
        assertThat(client.events(events.getLast().sequence())).allMatch(e -> e.sequence() > events.getLast().sequence());
    }

    @Test
    void aTcpFailureIsReported() throws Exception {
        String conference = client.createConference(1, List.of(1));
        ReservedTermination t = client.reserve(conference, MediaKind.BFCP);
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        client.configure(t.terminationId(), ConnectionRole.CLIENT, ConnectionRole.CLIENT, psk("x"), "127.0.0.1", closedPort, null, 1);
        assertThat(mrfp.events().await(e -> e.type() == MrfpEvent.Type.TCP_FAILURE, WAIT)).isPresent();
    }

    @Test
    void refusalsAreProblemDetails() throws Exception {
        String conference = client.createConference(1, List.of(1));
        ReservedTermination t = client.reserve(conference, MediaKind.MSRP);
        assertThat(t.msrpPath()).startsWith("msrps://127.0.0.1:" + t.port() + "/").endsWith(";tcp");
        assertThatThrownBy(() -> client.configure("0123456789abcdef", ConnectionRole.SERVER, ConnectionRole.SERVER,
                psk("x"), null, null, "msrps://127.0.0.1:9/ue;tcp", null)).hasMessageContaining("404").hasMessageContaining("CONTEXT_NOT_FOUND");
        assertThatThrownBy(() -> client.configure(t.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER,
                psk("x"), null, null, null, null)).hasMessageContaining("400").hasMessageContaining("MSRP path");
        assertThatThrownBy(() -> client.reserve("0123456789abcdef", MediaKind.MSRP)).hasMessageContaining("404");
        client.configure(t.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, psk("x"), null, null,
                "msrps://127.0.0.1:9/ue;tcp", null);
        assertThatThrownBy(() -> client.configure(t.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER,
                psk("x"), null, null, "msrps://127.0.0.1:9/ue;tcp", null)).hasMessageContaining("409");
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + api.localAddress().getPort());
        String secret = "c2VjcmV0LWtleS1ieXRlcw==";
        HttpResponse<String> badKey = http.send(HttpRequest.newBuilder(base.resolve("/mrfp/v1/terminations/" + t.terminationId()))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tcpRole\":\"SERVER\",\"tlsRole\":\"SERVER\",\"pskIdentity\":\"i\",\"psk\":\""
                        + secret + "!!\"}")).header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).contains("MANDATORY_IE_INCORRECT").doesNotContain(secret);
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(base.resolve("/mrfp/v1/conferences"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"bfcpConferenceId\":")).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("INVALID_MSG_FORMAT");
        HttpResponse<String> nowhere = http.send(HttpRequest.newBuilder(base.resolve("/mrfp/v1/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nowhere.statusCode()).isEqualTo(404);
    }
}
