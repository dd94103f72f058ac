package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The close after a drain: parts of a step together, steps in order, the whole bounded. */
class NodeCloseTest {
    @Test
    void thePartsOfAStepCloseTogetherAndTheNextStepWaitsForThem() {
        // Each of the two parts returns only once the other has started: closed one after the other, they could not.
        CyclicBarrier both = new CyclicBarrier(2);
        List<String> order = new CopyOnWriteArrayList<>();
        AutoCloseable listener = () -> {
            both.await(30, TimeUnit.SECONDS);
            order.add("listener");
        };
        AutoCloseable client = () -> {
            both.await(30, TimeUnit.SECONDS);
            order.add("client");
        };
        NodeClose.of("SEPP test").step(new NodeClose.Part("listener", listener), new NodeClose.Part("client", client))
                .step(new NodeClose.Part("event loops", () -> order.add("event loops")))
                .close(Duration.ofMinutes(1));
        assertThat(order).hasSize(3).containsOnlyOnce("listener", "client").endsWith("event loops");
    }

    @Test
    void aFailingPartDoesNotStopTheOthers() {
        List<String> closed = new CopyOnWriteArrayList<>();
        NodeClose.of("SEPP test")
                .step(new NodeClose.Part("broken", () -> {
                    throw new IllegalStateException("cannot close");
                }), new NodeClose.Part("admin", () -> closed.add("admin")))
                .step(new NodeClose.Part("event loops", () -> closed.add("event loops")))
                .close(Duration.ofMinutes(1));
        assertThat(closed).containsExactly("admin", "event loops");
    }

    @Test
    void aPartStillClosingAtTheBoundIsLeftAndLaterStepsAreSkipped() {
        CountDownLatch never = new CountDownLatch(1);
        List<String> closed = new CopyOnWriteArrayList<>();
        NodeClose.of("SEPP test").step(new NodeClose.Part("hung", never::await))
                .step(new NodeClose.Part("event loops", () -> closed.add("event loops")))
                .close(Duration.ofMillis(50));
        assertThat(closed).as("the step after the hung one").isEmpty();
        never.countDown();
    }
}
