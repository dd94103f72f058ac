package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * Issue 12 item 1: one host flooding a listener with silent or idle connections does not lock out the others. The
 * attacker's sockets come from 127.0.0.2 (Linux routes all of 127/8 to loopback), the legitimate client's from
 * 127.0.0.1.
 */
class ConnectionFloodTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final InetAddress ATTACKER = address("127.0.0.2");
    /** RFC 9113 3.4: the client preface, then an empty SETTINGS frame (length 0, type 4, flags 0, stream 0). */
    private static final byte[] H2_PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().parseHex("000000040000000000"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Socket> attack = new ArrayList<>();
    private SbiServer server;
    private SbiClient client;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : attack) {
            s.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CompletableFuture<SbiResponse> ok(SbiRequest r, SbiConnection c) {
        return CompletableFuture.completedFuture(SbiResponse.noContent());
    }

    @Test
    void silentConnectionsFromOneSourceLeaveRoomForAPartnersTlsHandshake() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        server = SbiServer.builder().bind(ANY_PORT).tls(tls.server.sslContext(), tls.server.serverParameters())
                .maxConnections(100).meterRegistry(meters).handler(ConnectionFloodTest::ok).build().start();
        for (int i = 0; i < 150; i++) {
            attack.add(open(new byte[0]));
        }
        awaitTrue(() -> refused("per_source") == 150 - ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_SOURCE);

        client = SbiClient.builder().tls(tls.client.sslContext()).requestTimeout(Duration.ofSeconds(5)).build();
        SbiClientConnection c = client.connect(server.localAddress(),
                tls.client.clientParameters(TestTls.PLMN.seppFqdn())).get(10, TimeUnit.SECONDS);
        assertThat(send(c, "https")).isEqualTo(204);
    }

    @Test
    void aConnectionThatNeverStartsTlsIsClosedAtTheHandshakeDeadline() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        server = SbiServer.builder().bind(ANY_PORT).tls(tls.server.sslContext(), tls.server.serverParameters())
                .handshakeTimeout(Duration.ofMillis(300)).meterRegistry(meters).handler(ConnectionFloodTest::ok)
                .build().start();
        Socket silent = open(new byte[0]);
        assertThat(readsEndOfStream(silent)).isTrue();
        assertThat(meters.counter("keygate_sbi_connections_closed_total", "server", "sbi", "reason",
                "handshake_timeout").count()).isEqualTo(1.0);
    }

    @Test
    void anH2cConnectionWithoutPrefaceIsClosedAtTheDeadlineButOneWithItStays() throws Exception {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().handshakeTimeout(Duration.ofMillis(300))
                .meterRegistry(meters).handler(ConnectionFloodTest::ok).build().start();
        Socket silent = open(new byte[0]);
        Socket prefaced = open(H2_PREFACE);
        assertThat(readsEndOfStream(silent)).isTrue();
        // The server's SETTINGS come, then nothing: the connection stays open (the read times out).
        prefaced.setSoTimeout(1000);
        InputStream in = prefaced.getInputStream();
        assertThat(in.read(new byte[9])).isEqualTo(9);
        assertThat(drainUntilQuiet(in)).isTrue();
    }

    @Test
    void idleConnectionsOfUnknownSourcesAreClosedSoonerNearTheLimit() throws Exception {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().maxConnections(20).reservedConnections(0)
                .idleTimeoutNearLimit(Duration.ofMillis(200)).meterRegistry(meters)
                .handler(ConnectionFloodTest::ok).build().start();
        for (int i = 0; i < 20; i++) {
            attack.add(open(H2_PREFACE));
        }
        awaitTrue(() -> closed("idle_near_limit") >= 6);

        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(5)).build();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        assertThat(send(c, "http")).isEqualTo(204);
    }

    @Test
    void reservedSlotsStayFreeForKnownSources() throws Exception {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().maxConnections(10).reservedConnections(4)
                .knownSources(List.of(InetAddress.getLoopbackAddress())).meterRegistry(meters)
                .handler(ConnectionFloodTest::ok).build().start();
        for (int i = 0; i < 10; i++) {
            attack.add(open(H2_PREFACE));
        }
        awaitTrue(() -> refused("reserved") == 4);

        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(5)).build();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        assertThat(send(c, "http")).isEqualTo(204);
    }

    private int send(SbiClientConnection c, String scheme) throws Exception {
        return c.send(SbiRequest.json("GET", "/x", new byte[0]), "localhost", scheme).get(10, TimeUnit.SECONDS)
                .status();
    }

    private double refused(String reason) {
        return meters.counter("keygate_sbi_connections_refused_total", "server", "sbi", "reason", reason).count();
    }

    private double closed(String reason) {
        return meters.counter("keygate_sbi_connections_closed_total", "server", "sbi", "reason", reason).count();
    }

    private Socket open(byte[] first) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(ATTACKER, 0));
        s.connect(server.localAddress(), 5000);
        s.getOutputStream().write(first);
        s.getOutputStream().flush();
        return s;
    }

    /** True when the server closes the socket within 5 s (anything it sent before is skipped). */
    private static boolean readsEndOfStream(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        try {
            while (in.read(new byte[256]) >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads whatever comes until a read times out (true) or the stream ends (false). */
    private static boolean drainUntilQuiet(InputStream in) throws IOException {
        try {
            while (in.read(new byte[256]) >= 0) {
                // skip
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
