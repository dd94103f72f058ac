package org.keygate.sbi.loop;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of Netty event loops for one node. Servers accept on them and clients connect on them; a client asked
 * for a connection from one of these threads gets one bound to that same thread ({@link #current()}), so a request
 * and its forwarded request are handled by one thread: no hand-off between threads and no selector wake-up per
 * request, which cost a SEPP more than its crypto (docs/PERFORMANCE.md).
 */
public final class SbiEventLoops implements AutoCloseable {
    /**
     * The quiet period of a closing event loop group (Netty's {@code shutdownGracefully}: it ends once no task was
     * submitted for this long; the tasks already queued run either way). None: Netty's default is 2 s, for loops whose
     * channels may still be busy, and any quiet period costs at least 100 ms, the interval at which a closing loop
     * looks for new tasks; a keygate node closes its loops after its drain, once its listeners and clients have
     * closed their channels, so no task is to come (issue 18: the exit after the drain).
     */
    public static final Duration SHUTDOWN_QUIET = Duration.ZERO;
    /** The longest a closing event loop group waits for its tasks to stop coming (Netty's default: 15 s). */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private final EventLoopGroup group;
    private final List<EventLoop> loops;

    private SbiEventLoops(EventLoopGroup group) {
        this.group = group;
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor e : group) {
            all.add((EventLoop) e);
        }
        this.loops = List.copyOf(all);
    }

    /** {@code threads} loops (one per core is what a forwarding node needs: each loop keeps its core busy). */
    public static SbiEventLoops create(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("event loop threads: " + threads + " (expected: > 0)");
        }
        return new SbiEventLoops(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name),
                NioIoHandler.newFactory()));
    }

    /** One loop per available processor. */
    public static SbiEventLoops perCore(String name) {
        return create(name, Runtime.getRuntime().availableProcessors());
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The loop running the calling thread when it is one of these, else the next one in turn. */
    public EventLoop current() {
        EventLoop own = callersLoop();
        return own != null ? own : group.next();
    }

    /** The loop running the calling thread, or null when the caller is not one of these loops. */
    public EventLoop callersLoop() {
        for (EventLoop l : loops) {
            if (l.inEventLoop()) {
                return l;
            }
        }
        return null;
    }

    @Override
    public void close() {
        shutdown(group);
    }

    /**
     * Shuts {@code group} down with {@link #SHUTDOWN_QUIET} and {@link #SHUTDOWN_TIMEOUT} and waits for its threads to
     * end (a little longer than the timeout, for the last task to finish): a thread left running in native code
     * would delay the JVM's exit.
     */
    public static void shutdown(io.netty.util.concurrent.EventExecutorGroup group) {
        group.shutdownGracefully(SHUTDOWN_QUIET.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.plusSeconds(1).toMillis());
    }
}
