package org.keygate.cli;

import java.util.concurrent.CountDownLatch;

/** What every long-running command does once its node is up: wait for SIGINT/SIGTERM, then close the node. */
public final class UntilStopped {
    private UntilStopped() {}

    /** Blocks until the JVM is asked to stop; the shutdown hook closes {@code node} before the JVM exits. */
    public static void await(AutoCloseable node) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("keygate: closing failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "keygate-shutdown"));
        stopped.await();
    }
}
