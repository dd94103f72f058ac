package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.TestNotification;
import org.keygate.capif.model.WebsockNotifConfig;
import org.keygate.capif.notify.NotificationDelivery;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.capif.tls.CapifTls;
import org.keygate.sbi.json.SbiJson;

/**
 * Issue 13 item 3, WebSocket delivery (TS 29.222 7.6, TS 29.122 5.2.5.4): a subscription asking for it gets a
 * websocketUri on the CCF's TLS listener; the JDK's own WebSocket client (java.net.http) attaches with the
 * subscriber's CCF-issued certificate and receives the subscription's notifications, those raised before it came
 * first; nobody else may attach; a socket that goes away leaves notifications waiting for the next. Subscription
 * bodies and every notification are checked against the Rel-18 files.
 */
class NotificationWebsocketTest {
    MvCapifStore store;
    CcfLab lab;
    NotificationSink sink;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        sink = new NotificationSink();
        store = MvCapifStore.inMemory();
        lab = new CcfLab(store, CcfLab.newCa(java.nio.file.Files.createTempDirectory("ca")), Capif1eSecrets.NONE,
                b -> b.meterRegistry(meters));
        lab.registerProvider();
        lab.publish(8443, List.of(SecurityMethod.PKI));
    }

    @AfterEach
    void stop() {
        sink.close();
        lab.close();
        store.close();
    }

    /** A WebSocket client recording text messages and the close it got. */
    static final class Socket implements WebSocket.Listener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Socket open(SSLContext tls, String uri) throws Exception {
            Socket s = new Socket();
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            s.ws = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(uri), s)
                    .get(10, TimeUnit.SECONDS);
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        /** The next message, checked against {@code schema}'s callback body in the Rel-18 files. */
        <T> T next(String schema, Class<T> type) throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a %s within 10 s", schema).isNotNull();
            byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            CapifOpenApi.assertValidCallback(schema, body);
            return SbiJson.read(body, type);
        }
    }

    private EventSubscription subscribeAmf(String features) throws Exception {
        var sub = lab.as(lab.amf).send(Api.EVENTS, "POST", CapifEventsTest.subscriptions(lab.amfId),
                new EventSubscription(List.of("API_INVOKER_ONBOARDED"), null, null, sink.uri(), true,
                        new WebsockNotifConfig(null, true), features));
        assertThat(sub.status()).isEqualTo(201);
        return sub.as(EventSubscription.class);
    }

    private double count(String outcome) {
        var c = meters.find(NotificationDelivery.NOTIFICATIONS).tags("channel", "websocket", "outcome", outcome)
                .counters();
        return c.stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void theSubscriberGetsItsNotificationsOverItsWebsocketQueuedUntilItAttaches() throws Exception {
        EventSubscription created = subscribeAmf("3");
        assertThat(created.supportedFeatures()).isEqualTo("3");
        String uri = created.websockNotifConfig().websocketUri();
        String subscriptionId = uri.split("/")[uri.split("/").length - 2];
        assertThat(uri).isEqualTo("wss://localhost:" + lab.port + "/capif-events/v1/" + lab.amfId + "/subscriptions/"
                + subscriptionId + "/websocket");
        assertThat(created.websockNotifConfig().requestWebsocketUri()).isTrue();

        // Raised before the socket: they wait for it (the test notification, then the event).
        CcfLab.Invoker first = lab.onboard(sink.uri());
        assertThat(count("queued")).isEqualTo(2);

        Socket socket = Socket.open(lab.amf, uri);
        assertThat(socket.next("TestNotification", TestNotification.class).subscription())
                .endsWith("/subscriptions/" + subscriptionId);
        EventNotification onboarded = socket.next("EventNotification", EventNotification.class);
        assertThat(onboarded.subscriptionId()).isEqualTo(subscriptionId);
        assertThat(onboarded.eventDetail()).as("feature 3 not negotiated").isNull();
        assertThat(onboarded.events()).isEqualTo("API_INVOKER_ONBOARDED");

        // Attached: straight over the socket.
        lab.onboard(sink.uri());
        assertThat(socket.next("EventNotification", EventNotification.class).events())
                .isEqualTo("API_INVOKER_ONBOARDED");
        awaitDelivered(3);

        // The socket goes away: the next event waits for the next socket.
        socket.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        awaitDetached();
        lab.onboard(sink.uri());
        Socket again = Socket.open(lab.amf, uri);
        assertThat(again.next("EventNotification", EventNotification.class).events())
                .isEqualTo("API_INVOKER_ONBOARDED");
        awaitDelivered(4);
        assertThat(sink.receivedNothing()).as("nothing went to the HTTP callback").isTrue();

        // The subscription deleted: its socket closes with 1000.
        assertThat(lab.as(lab.amf).send(Api.EVENTS, "DELETE", CapifEventsTest.subscriptions(lab.amfId) + "/"
                + subscriptionId, null).status()).isEqualTo(204);
        assertThat(again.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        assertThat(first.id()).isNotNull();
    }

    /** The count moves when the write completes, which the client may see after it has read the frame. */
    private void awaitDelivered(double expected) throws InterruptedException {
        for (int i = 0; i < 200 && count("delivered") < expected; i++) {
            Thread.sleep(25);
        }
        assertThat(count("delivered")).isEqualTo(expected);
    }

    private void awaitDetached() throws InterruptedException {
        for (int i = 0; i < 200 && meters.get(org.keygate.capif.notify.NotificationSockets.SOCKETS).gauge().value() > 0;
                i++) {
            Thread.sleep(25);
        }
        assertThat(meters.get(org.keygate.capif.notify.NotificationSockets.SOCKETS).gauge().value()).isZero();
    }

    @Test
    void onlyTheSubscriberMayAttachToItsSocket() throws Exception {
        String uri = subscribeAmf("2").websockNotifConfig().websocketUri();
        CcfLab.Invoker invoker = lab.onboard(sink.uri());
        assertThat(refusal(invoker.tls(), uri)).as("another party's certificate").isEqualTo(403);
        assertThat(refusal(CapifTls.context(null, List.of(), lab.ca.certificate()), uri)).as("no certificate")
                .isEqualTo(401);
        // The invoker on a path naming itself: not its subscription.
        String own = uri.replace(lab.amfId, invoker.id());
        assertThat(refusal(invoker.tls(), own)).isEqualTo(404);
        assertThat(refusal(lab.amf, uri.replace("/websocket", "x/websocket"))).as("no such subscription")
                .isEqualTo(404);
        // A subscription without WebSocket delivery has no socket to attach to.
        var plain = lab.as(lab.amf).send(Api.EVENTS, "POST", CapifEventsTest.subscriptions(lab.amfId),
                new EventSubscription(List.of("API_INVOKER_ONBOARDED"), null, null, sink.uri(), null, null, "2"));
        String plainId = plain.location().substring(plain.location().lastIndexOf('/') + 1);
        assertThat(refusal(lab.amf, uri.replaceFirst("SUB[0-9a-f]+", plainId))).isEqualTo(404);
        // The subscriber itself still can.
        Socket socket = Socket.open(lab.amf, uri);
        assertThat(socket.ws.isInputClosed()).isFalse();
    }

    @Test
    void websocketDeliveryNeedsItsFeature() throws Exception {
        var sub = lab.as(lab.amf).send(Api.EVENTS, "POST", CapifEventsTest.subscriptions(lab.amfId),
                new EventSubscription(List.of("API_INVOKER_ONBOARDED"), null, null, sink.uri(), null,
                        new WebsockNotifConfig(null, true), "1"));
        assertThat(sub.status()).isEqualTo(400);
        assertThat(sub.cause()).isEqualTo("MANDATORY_IE_INCORRECT");
    }

    private static int refusal(SSLContext tls, String uri) throws Exception {
        assertThatThrownBy(() -> Socket.open(tls, uri)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class);
        try {
            Socket.open(tls, uri);
            throw new AssertionError("attached");
        } catch (ExecutionException e) {
            var rsp = ((WebSocketHandshakeException) e.getCause()).getResponse();
            String body = rsp.body() instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(rsp.body());
            assertThat(rsp.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(body).contains("\"cause\"");
            return rsp.statusCode();
        }
    }
}
