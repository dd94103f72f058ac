package org.keygate.sbi.loop;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of Netty event loops for one node. Servers accept on them and clients connect on them; a client asked
 * for a connection from one of these threads gets one bound to that same thread ({@link #current()}), so a request
 * and its forwarded request are handled by one thread: no hand-off between threads and no selector wake-up per
 * request, which cost a SEPP more than its crypto (docs/PERFORMANCE.md).
 */
public final class SbiEventLoops implements AutoCloseable {
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
        group.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
