package org.keygate.capif.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications (TS 29.222 7.6, TS 29.122 5.2.5.2: a separate HTTP connection towards the notification
 * destination) with the JDK's HttpClient, which speaks what TS 29.222 7.3 asks: HTTP/1.1, and HTTP/2 only when the
 * receiver agrees (ALPN for {@code https}, the {@code Upgrade: h2c} mechanism for {@code http}). A Flask or Express
 * callback gets plain HTTP/1.1. {@code https} destinations are called with the given TLS context (the CCF's own
 * certificate and trust) and host name verification.
 *
 * <p>A delivery that fails with an I/O error, 408, 429 or 5xx is retried with exponential backoff
 * ({@link RetryPolicy}); any other answer is final. At most {@value #MAX_PENDING} deliveries wait at once; more are
 * dropped (and counted). Counts: {@value #NOTIFICATIONS}{kind, channel = http, outcome = delivered | failed | dropped} per
 * notification, {@value #ATTEMPTS}{kind, result = 2xx | 3xx | 4xx | 5xx | error} per attempt. Nothing of the body
 * is logged or counted; logs name the destination's host and port only (a path may carry a token).
 */
public final class NotificationDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    public static final String NOTIFICATIONS = "keygate_capif_notifications_total";
    public static final String ATTEMPTS = "keygate_capif_notification_attempts_total";
    /** Deliveries in flight or waiting for a retry; beyond, a notification is dropped rather than queued. */
    public static final int MAX_PENDING = 10_000;
    /** The {@code channel} label of {@value #NOTIFICATIONS}; {@link NotificationSockets} counts "websocket". */
    static final String CHANNEL = "http";
    /** One attempt's bound: connect, send, answer. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final RetryPolicy retry;
    private final MeterRegistry meters;
    private final ScheduledExecutorService timer;
    private final AtomicInteger pending = new AtomicInteger();

    public NotificationDelivery(SSLContext tls, RetryPolicy retry, MeterRegistry meters) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .followRedirects(HttpClient.Redirect.NORMAL) // TS 29.122 5.2.10: 307/308 from the receiver
                .connectTimeout(ATTEMPT_TIMEOUT).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capif-notification-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the counters of {@code kind} at zero (they otherwise appear with the first notification). */
    public void register(String kind) {
        for (String outcome : java.util.List.of("delivered", "failed", "dropped")) {
            meters.counter(NOTIFICATIONS, "kind", kind, "channel", CHANNEL, "outcome", outcome);
        }
    }

    /**
     * Sends {@code json} to {@code destination} in the background; {@code kind} (the body's schema name) labels
     * logs and metrics. The future completes with whether a 2xx answer came, after the retries; it never fails.
     */
    public CompletableFuture<Boolean> deliver(String kind, URI destination, byte[] json) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            meters.counter(NOTIFICATIONS, "kind", kind, "channel", CHANNEL, "outcome", "dropped").increment();
            LOG.warn("{} to {} dropped: {} deliveries already pending", kind, where(destination), MAX_PENDING);
            done.complete(false);
            return done;
        }
        done.whenComplete((ok, e) -> pending.decrementAndGet());
        attempt(kind, HttpRequest.newBuilder(destination).timeout(ATTEMPT_TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), 1, done);
        return done;
    }

    private void attempt(String kind, HttpRequest request, int n, CompletableFuture<Boolean> done) {
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            String result = e != null ? "error" : (r.statusCode() / 100) + "xx";
            meters.counter(ATTEMPTS, "kind", kind, "result", result).increment();
            if (e == null && r.statusCode() / 100 == 2) {
                meters.counter(NOTIFICATIONS, "kind", kind, "channel", CHANNEL, "outcome", "delivered").increment();
                LOG.debug("{} delivered to {} ({}, attempt {})", kind, where(request.uri()), r.version(), n);
                done.complete(true);
                return;
            }
            String why = e != null ? describe(e) : "answered " + r.statusCode();
            boolean retryable = e != null || r.statusCode() == 408 || r.statusCode() == 429 || r.statusCode() >= 500;
            if (retryable && n < retry.maxAttempts() && !timer.isShutdown()) {
                Duration wait = retry.backoff(n);
                LOG.info("{} to {} not delivered ({}), attempt {} of {}; again in {} ms", kind, where(request.uri()),
                        why, n, retry.maxAttempts(), wait.toMillis());
                try {
                    timer.schedule(() -> attempt(kind, request, n + 1, done), wait.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // closed meanwhile: give up below
                }
            }
            meters.counter(NOTIFICATIONS, "kind", kind, "channel", CHANNEL, "outcome", "failed").increment();
            LOG.warn("{} to {} not delivered after {} attempt(s): {}", kind, where(request.uri()), n, why);
            done.complete(false);
        });
    }

    private static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Throwable e) {
        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof IOException && c.getMessage() != null
                ? c.getClass().getSimpleName() + ": " + c.getMessage() : c.getClass().getSimpleName();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.shutdownNow();
    }
}
