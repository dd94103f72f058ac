package org.keygate.ims.mrfp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The last {@link #MAX_EVENTS} events, numbered; the MRFC polls them with the last number it saw. */
public final class MrfpEvents {
    /** Bounds memory when no MRFC polls; an MRFC that falls this far behind sees a gap in the numbers. */
    public static final int MAX_EVENTS = 4096;
    private final Deque<MrfpEvent> events = new ArrayDeque<>();
    private long next = 1;
    private final java.util.function.Consumer<MrfpEvent.Type> counter;

    public MrfpEvents() {
        this(type -> { });
    }

    /** @param counter told of every event's type (metrics) */
    public MrfpEvents(java.util.function.Consumer<MrfpEvent.Type> counter) {
        this.counter = counter;
    }

    public synchronized MrfpEvent add(String conferenceId, String terminationId, MrfpEvent.Type type, String detail) {
        MrfpEvent e = new MrfpEvent(next++, conferenceId, terminationId, type, detail);
        events.addLast(e);
        if (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
        counter.accept(type);
        notifyAll();
        return e;
    }

    public synchronized List<MrfpEvent> after(long sequence) {
        return events.stream().filter(e -> e.sequence() > sequence).toList();
    }

    /** Waits (bounded) for an event that matches; empty when none came in time. */
    public synchronized Optional<MrfpEvent> await(Predicate<MrfpEvent> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<MrfpEvent> found = events.stream().filter(wanted).findFirst();
            long left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
