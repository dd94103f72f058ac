package org.keygate.sbi.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.client.EmbeddedSbiClient;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP/2 hop of the forwarding engine without sockets (issue 10): a Nudm_UEAU generate-auth-data request with
 * the load benchmark's headers and body through keygate's client handler ({@code Http2Calls} on Netty's connection
 * handler), the bytes handed over in memory to the server's handlers ({@code Http2Exchanges}, {@code HandlerInvoker}),
 * a handler answering the UDM's 302-octet AuthenticationInfoResult, and the answer back: HPACK, framing, flow
 * control, the SBI message on both sides. What a change to the engine costs per request shows here without the
 * noise of TLS, sockets and other processes. Both channels are Netty's {@code EmbeddedChannel}: one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Http2ExchangeBenchmark {
    static final byte[] ANSWER = ("{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"avType\":\"5G_HE_AKA\","
            + "\"rand\":\"c7ac88804f15d590c3b0b9675ab97636\",\"autn\":\"4c76cd564a43800010ff90861dce53ed\","
            + "\"xresStar\":\"0123456789abcdef0123456789abcdef\",\"kausf\":\"0123456789abcdef0123456789abcdef"
            + "0123456789abcdef0123456789abcdef\"},\"supi\":\"imsi-001010000000001\"}").getBytes(StandardCharsets.UTF_8);
    static final SbiRequest REQUEST = new SbiRequest("POST",
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data",
            SbiHeaders.of("content-type", "application/json", "3gpp-sbi-target-apiroot",
                    "http://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
            ("{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
                    + "\"ausfInstanceId\":\"7a1e1a2c-8b39-4a7e-9f7b-0b1d3c4e5f60\"}").getBytes(StandardCharsets.UTF_8));

    private SbiServer server;
    private SbiClient client;
    private EmbeddedChannel serverSide;
    private EmbeddedChannel clientSide;
    private SbiClientConnection connection;

    @Setup
    public void setUp() throws Exception {
        server = SbiServer.builder().name("bench").cleartext().bind(new InetSocketAddress("127.0.0.1", 0))
                .handler((r, c) -> CompletableFuture.completedFuture(SbiResponse.json(200, ANSWER))).build();
        SbiServerConfig config = server.config();
        serverSide = new EmbeddedChannel();
        serverSide.pipeline().addLast(SbiServerInitializer.http2Exchanges(config, new HandlerInvoker(config),
                new NettySbiConnection(serverSide, "h2c")));
        client = SbiClient.builder().cleartext().build();
        clientSide = new EmbeddedChannel();
        CompletableFuture<SbiClientConnection> ready = EmbeddedSbiClient.attach(client, clientSide);
        for (int i = 0; i < 10 && !ready.isDone(); i++) {
            shuttle();
        }
        connection = ready.get(1, TimeUnit.SECONDS);
    }

    /** Moves what each side wrote to the other, once each way. */
    private void shuttle() {
        move(clientSide, serverSide);
        move(serverSide, clientSide);
    }

    private static void move(EmbeddedChannel from, EmbeddedChannel to) {
        // Flushes outside a read are gathered until the loop's pass ends (H2Connection): a task on an EmbeddedChannel.
        from.runPendingTasks();
        ByteBuf b;
        while ((b = from.readOutbound()) != null) {
            to.writeInbound(b);
        }
    }

    @Benchmark
    public SbiResponse requestAndAnswer() throws Exception {
        CompletableFuture<SbiResponse> answer = connection.send(REQUEST, "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "http");
        for (int i = 0; i < 10 && !answer.isDone(); i++) {
            shuttle();
        }
        SbiResponse r = answer.getNow(null);
        if (r == null || r.body().length != ANSWER.length) {
            throw new IllegalStateException("no complete answer after the exchange: " + r);
        }
        return r;
    }

    @TearDown
    public void tearDown() {
        clientSide.finishAndReleaseAll();
        serverSide.finishAndReleaseAll();
        client.close();
        server.close();
    }
}
