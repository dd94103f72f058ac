package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiRequest;
import org.slf4j.LoggerFactory;

/**
 * Issue 19, item 7: a peer that resets its connection (Open5GS's N32-f server under load) costs one INFO line without a
 * stack trace and a count, not Netty's "reached at the tail of the pipeline" warning with a full stack trace.
 */
class ConnectionResetLogTest {
    /** Collects the events of the loggers it is attached to. */
    private static final class Events extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> all = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            all.add(e);
        }
    }

    @Test
    void aPeersResetIsOneLineWithoutStackTraceAndCounted() throws Exception {
        Events events = new Events();
        events.start();
        Logger calls = (Logger) LoggerFactory.getLogger(Http2Calls.class);
        Logger tail = (Logger) LoggerFactory.getLogger(io.netty.channel.DefaultChannelPipeline.class);
        calls.addAppender(events);
        tail.addAppender(events);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                SbiClient client = SbiClient.builder().cleartext().name("n32f-test").meterRegistry(meters)
                        .requestTimeout(Duration.ofSeconds(10)).build()) {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = peer.accept()) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS (RFC 9113 6.5)
                    s.getOutputStream().flush();
                    InputStream in = s.getInputStream();
                    in.readNBytes(24 + 9); // the preface and the client's SETTINGS header, at least
                    Thread.sleep(200); // let the request arrive, then reset (SO_LINGER 0: RST, not FIN)
                    s.setSoLinger(true, 0);
                } catch (Exception e) {
                    // the test fails on the client side if this did not happen
                }
            });
            SbiClientConnection c = client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    peer.getLocalPort())).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> c.send(SbiRequest.json("GET", "/nudm-sdm/v2/x", new byte[0]), "udm", "http")
                    .get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            calls.detachAppender(events);
            tail.detachAppender(events);
        }
        assertThat(events.all).noneMatch(e -> e.getLoggerName().contains("DefaultChannelPipeline"));
        assertThat(events.all).filteredOn(e -> e.getFormattedMessage().contains("reset by the peer")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getThrowableProxy()).isNull();
                    assertThat(e.getFormattedMessage()).contains("n32f-test").doesNotContain("\n");
                });
        assertThat(meters.counter("keygate_sbi_client_connection_errors_total", "client", "n32f-test", "cause",
                "reset").count()).isEqualTo(1.0);
    }
}
