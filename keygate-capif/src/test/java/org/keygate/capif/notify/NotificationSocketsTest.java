package org.keygate.capif.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket slots in memory (an EmbeddedChannel stands for the subscriber's socket): what waits for a socket is
 * bounded per subscription, the overflow goes to the HTTP fallback, and an attaching socket gets the rest in order.
 */
class NotificationSocketsTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final NotificationSockets sockets = new NotificationSockets(meters);

    private double count(String outcome) {
        var c = meters.find(NotificationDelivery.NOTIFICATIONS).tags("kind", "EventNotification", "channel",
                "websocket", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private static byte[] json(int i) {
        return ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void waitingIsBoundedPerSubscriptionAndTheOverflowGoesOverHttp() {
        List<Integer> overHttp = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            int n = i;
            sockets.deliver("EventNotification", "SUB1", json(i), () -> overHttp.add(n));
        }
        assertThat(overHttp).containsExactly(100, 101, 102, 103, 104);
        assertThat(count("queued")).isEqualTo(100);
        assertThat(count("fallback")).isEqualTo(5);
        assertThat(meters.get(NotificationSockets.QUEUED).gauge().value()).isEqualTo(100);

        EmbeddedChannel socket = new EmbeddedChannel();
        sockets.attach("SUB1", socket);
        for (int i = 0; i < 100; i++) {
            TextWebSocketFrame f = socket.readOutbound();
            assertThat(f.text()).isEqualTo("{\"n\":" + i + "}");
            f.release();
        }
        assertThat((Object) socket.readOutbound()).isNull();
        assertThat(count("delivered")).isEqualTo(100);
        assertThat(meters.get(NotificationSockets.QUEUED).gauge().value()).isZero();
        assertThat(meters.get(NotificationSockets.SOCKETS).gauge().value()).isEqualTo(1);

        sockets.deliver("EventNotification", "SUB1", json(200), () -> overHttp.add(200));
        TextWebSocketFrame live = socket.readOutbound();
        assertThat(live.text()).isEqualTo("{\"n\":200}");
        live.release();
        assertThat(overHttp).hasSize(5);
    }

    @Test
    void aNewSocketReplacesTheOldAndAForgottenSubscriptionClosesIts() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        sockets.attach("SUB2", first);
        sockets.attach("SUB2", second);
        CloseWebSocketFrame replaced = first.readOutbound();
        assertThat(replaced.statusCode()).isEqualTo(1000);
        replaced.release();
        assertThat(first.isOpen()).isFalse();

        first.close();
        sockets.deliver("EventNotification", "SUB2", json(1), () -> { throw new AssertionError("not over HTTP"); });
        TextWebSocketFrame f = second.readOutbound();
        assertThat(f.text()).isEqualTo("{\"n\":1}");
        f.release();

        sockets.forget("SUB2");
        CloseWebSocketFrame deleted = second.readOutbound();
        assertThat(deleted.statusCode()).isEqualTo(1000);
        assertThat(deleted.reasonText()).isEqualTo("subscription deleted");
        deleted.release();
        assertThat(second.isOpen()).isFalse();
        assertThat(meters.get(NotificationSockets.SOCKETS).gauge().value()).isZero();
    }
}
