package org.keygate.sbi.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiServer;

/**
 * A request through a forwarding hop (a server whose handler sends on with a client on the same event loops, as a
 * SEPP does) to a last hop that never answers: when the first client resets its stream, the last hop's call is
 * cancelled (the RST_STREAM went on from hop to hop); when the first client gives a 3gpp-Sbi-Max-Rsp-Time, the last
 * hop gets the remaining time, and the forwarding hop gives up and resets the last hop's stream when it runs out.
 */
class CallPropagationTest {
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final CountDownLatch lastHopGotIt = new CountDownLatch(1);
    private final CountDownLatch lastHopCancelled = new CountDownLatch(1);
    private final AtomicReference<String> lastHopMaxRspTime = new AtomicReference<>();
    private final AtomicReference<Throwable> forwardFailure = new AtomicReference<>();
    private SbiServer lastHop;
    private SbiEventLoops loops;
    private SbiClient forwardClient;
    private SbiConnectionPool<InetSocketAddress> pool;
    private SbiServer hop;
    private SbiClient caller;

    private void start() {
        lastHop = SbiServer.builder().bind(ANY).cleartext().handler((r, c) -> {
            lastHopMaxRspTime.set(r.headers().first(SbiCall.MAX_RSP_TIME).orElse(null));
            SbiCall.current().onCancel(lastHopCancelled::countDown);
            lastHopGotIt.countDown();
            return new CompletableFuture<>(); // never answers
        }).build().start();
        loops = SbiEventLoops.create("hop", 2);
        forwardClient = SbiClient.builder().cleartext().eventLoops(loops).requestTimeout(Duration.ofSeconds(30)).build();
        pool = new SbiConnectionPool<>(loops, a -> forwardClient.connect(a));
        hop = SbiServer.builder().bind(ANY).cleartext().eventLoops(loops).handler((r, c) -> pool
                .connection(lastHop.localAddress())
                .thenCompose(next -> next.send(r, "last.example", "http"))
                .exceptionally(failure -> {
                    forwardFailure.set(failure.getCause() == null ? failure : failure.getCause());
                    return SbiResponse.problem(SbiCause.TIMED_OUT_REQUEST.problem("the next hop did not answer"));
                })).build().start();
        caller = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {caller, hop, pool, forwardClient, loops, lastHop}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // close the others
            }
        }
    }

    @Test
    void aResetByTheCallerResetsTheForwardedStream() throws Exception {
        start();
        SbiClientConnection c = caller.connect(hop.localAddress()).get(10, TimeUnit.SECONDS);
        SbiCall call = SbiCall.open();
        CompletableFuture<SbiResponse> answer = call.bind(() -> c.send(SbiRequest.json("POST", "/hang",
                "{}".getBytes()), "hop.example", "http"));
        assertThat(lastHopGotIt.await(10, TimeUnit.SECONDS)).as("the request reached the last hop").isTrue();
        assertThat(lastHopCancelled.getCount()).isEqualTo(1);

        call.cancel(); // our stream to the hop is reset...

        assertThat(lastHopCancelled.await(10, TimeUnit.SECONDS)).as("...and so is the hop's to the last hop").isTrue();
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).as("our own send gave up")
                .hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(lastHopMaxRspTime.get()).as("no deadline was given, none is invented").isNull();
    }

    @Test
    void theCallersMaxRspTimeBoundsEveryHop() throws Exception {
        start();
        SbiClientConnection c = caller.connect(hop.localAddress()).get(10, TimeUnit.SECONDS);
        SbiResponse r = c.send(new SbiRequest("POST", "/hang", SbiHeaders.of("content-type", "application/json",
                SbiCall.MAX_RSP_TIME, "400"), "{}".getBytes()), "hop.example", "http").get(20, TimeUnit.SECONDS);

        assertThat(r.status()).isEqualTo(504);
        assertThat(forwardFailure.get()).isInstanceOf(TimeoutException.class);
        assertThat(Integer.parseInt(lastHopMaxRspTime.get())).as("the time left, not the caller's whole budget")
                .isPositive().isLessThanOrEqualTo(400);
        assertThat(lastHopCancelled.await(10, TimeUnit.SECONDS)).as("the hop reset the stream it gave up on").isTrue();
    }

    @Test
    void aMalformedMaxRspTimeIsNoDeadline() {
        assertThat(SbiCall.forMaxRspTime("12a").remainingNanos()).isEmpty();
        assertThat(SbiCall.forMaxRspTime("-5").remainingNanos()).isEmpty();
        assertThat(SbiCall.forMaxRspTime(null).remainingNanos()).isEmpty();
        assertThat(SbiCall.forMaxRspTime("99999999999999").remainingNanos()).isEmpty();
        assertThat(SbiCall.forMaxRspTime("1000").remainingNanos().getAsLong())
                .isPositive().isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    }
}
