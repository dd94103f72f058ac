package org.keygate.sbi.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Collects one logger's events while open, so a test can wait for a line and check what it (does not) say. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final Logger logger;

    LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The next event, waiting up to ten seconds; fails the test if none comes. */
    ILoggingEvent next() throws InterruptedException {
        ILoggingEvent e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no log event from " + logger.getName());
        }
        return e;
    }

    /** What has been logged and not yet taken by {@link #next()}. */
    List<ILoggingEvent> rest() {
        List<ILoggingEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
