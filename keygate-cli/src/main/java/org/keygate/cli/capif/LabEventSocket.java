package org.keygate.cli.capif;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.model.CapifEvent;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.model.WebsockNotifConfig;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.tls.CapifTls;
import org.keygate.sbi.json.SbiJson;

/**
 * The lab's AMF taking invoker events over a WebSocket (TS 29.222 7.6): it subscribes with
 * {@code websockNotifConfig}, opens the websocketUri with its CCF-issued certificate (the JDK's WebSocket client) and
 * waits for the onboarding event there.
 */
final class LabEventSocket implements AutoCloseable, WebSocket.Listener {
    private final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static LabEventSocket open(LabStep step, CcfEndpoint endpoint, ProviderDomain domain) throws Exception {
        EventSubscription created;
        try (CcfSession s = CcfSession.open(endpoint, domain.amf().tls(), false)) {
            // Features 2 Notification_websocket and 3 Enhanced_event_report.
            created = s.expect("event subscription over WebSocket", "POST", "/capif-events/v1/" + domain.amf().id()
                    + "/subscriptions", new EventSubscription(List.of(CapifEvent.API_INVOKER_ONBOARDED), null, null,
                            "https://localhost/unused", null, new WebsockNotifConfig(null, true), "6"),
                    201, EventSubscription.class);
        } catch (CapifCallException e) {
            step.failed("AMF subscribed over WebSocket", e.getMessage());
            throw e;
        }
        String uri = created.websockNotifConfig().websocketUri();
        LabEventSocket l = new LabEventSocket();
        var tls = domain.amf().tls();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(CapifTls.context(tls.key(), tls.chain(), endpoint.ca())).build();
        l.socket = client.newWebSocketBuilder().buildAsync(URI.create(uri), l).get(10, TimeUnit.SECONDS);
        step.ok("AMF's WebSocket for CAPIF events open", uri.replaceFirst("/subscriptions/.*", "/subscriptions/..."));
        return l;
    }

    /** The onboarding event of {@code invokerId} on the socket, as a step. */
    void expectOnboarded(LabStep step, String invokerId) throws InterruptedException {
        String text = texts.poll(10, TimeUnit.SECONDS);
        EventNotification n = text == null ? null : SbiJson.read(text.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), EventNotification.class);
        boolean ok = n != null && CapifEvent.API_INVOKER_ONBOARDED.equals(n.events()) && n.eventDetail() != null
                && List.of(invokerId).equals(n.eventDetail().apiInvokerIds());
        step.check(ok, "event notification over the WebSocket", n == null ? "none within 10 s" : n.events());
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
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
