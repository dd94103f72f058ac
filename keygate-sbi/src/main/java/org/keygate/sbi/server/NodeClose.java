package org.keygate.sbi.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.keygate.sbi.loop.SbiEventLoops;

/**
 * The second half of a daemon's stop (issue 18), after {@link ServerDrain}: its parts (listeners, outbound clients,
 * event loops) closed in steps. The parts of one step close in parallel, each on a thread of its own, since each
 * mostly waits (a channel group's close, an event loop group's quiet period); a step starts when the one before has
 * ended, so that, e.g., the shared event loops close after the listeners and clients whose channels run on them. The
 * whole is bounded: a part still closing at {@code bound} is left to the process's exit, and named in the log.
 *
 * <p>One INFO line says what each part took, for the operator who wonders why a stop took long:
 * {@code SEPP visited: closed 212 ms after the drain: [admin 14 ms, n32f client 12 ms, ...], [event loops 28 ms]}.
 */
public final class NodeClose {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeClose.class);
    /**
     * The bound of a node's close after its drain: its parts' own bounds ({@link SbiEventLoops#SHUTDOWN_TIMEOUT} for an
     * event loop group) fit in it, and with the default drain timeout of 20 s it leaves the process well inside
     * what an orchestrator waits before SIGKILL (Kubernetes: 30 s).
     */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(5);

    /** A part to close, named for the log. */
    public record Part(String name, AutoCloseable part) {
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(part, "part");
        }
    }

    private final String who;
    private final List<List<Part>> steps = new ArrayList<>();

    private NodeClose(String who) {
        this.who = who;
    }

    /** @param who the daemon, for the log ({@code "SEPP visited"}) */
    public static NodeClose of(String who) {
        return new NodeClose(who);
    }

    /** A step whose parts close together, after the steps added before. */
    public NodeClose step(Part... parts) {
        steps.add(List.of(parts));
        return this;
    }

    /**
     * Closes the steps in order, for at most {@code bound} in all; a part that throws is logged and the others go on.
     *
     * @return how long it took
     */
    public Duration close(Duration bound) {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        List<String> report = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("close-" + who.replace(' ', '-') + "-", 0).daemon().factory());
        try {
            for (List<Part> step : steps) {
                var took = new ConcurrentHashMap<String, Long>();
                List<CompletableFuture<Void>> running = step.stream().map(p -> CompletableFuture.runAsync(() -> {
                    long t = System.nanoTime();
                    try {
                        p.part().close();
                    } catch (Exception e) {
                        LOG.warn("{}: closing {} failed: {}", who, p.name(), e.toString());
                    } finally {
                        took.put(p.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
                    }
                }, threads)).toList();
                try {
                    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    step.stream().map(Part::name).filter(n -> !took.containsKey(n)).forEach(unfinished::add);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    // each part catches its own failure
                }
                report.add(step.stream().map(p -> p.name() + " " + (took.containsKey(p.name())
                        ? took.get(p.name()) + " ms" : "unfinished")).collect(Collectors.joining(", ", "[", "]")));
                if (!unfinished.isEmpty()) {
                    break;
                }
            }
        } finally {
            threads.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (unfinished.isEmpty()) {
            LOG.info("{}: closed {} ms after the drain: {}", who, took.toMillis(), String.join(", ", report));
        } else {
            LOG.warn("{}: {} still closing after {} ({}); exiting without them", who, unfinished, bound,
                    String.join(", ", report));
        }
        return took;
    }
}
