package org.keygate.tls.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The http POST of an OCSP request (RFC 6960 A.1), asynchronous (the JDK's client: no thread of ours waits), bounded in
 * time and in size. Redirects are not followed: the responder is the configured one or the certificate's.
 */
final class OcspFetch {
    /** An answer about one certificate is a few kilobytes, with a delegated responder's certificate; 64 KiB is ample. */
    static final int MAX_RESPONSE_BYTES = 64 << 10;

    private final HttpClient http;
    private final Duration timeout;

    OcspFetch(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The answer's bytes; fails with an {@link IOException} naming the HTTP status, the size or the timeout. */
    CompletableFuture<byte[]> post(URI responder, byte[] request) {
        HttpRequest r = HttpRequest.newBuilder(responder).timeout(timeout)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        return http.sendAsync(r, info -> new Bounded())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new java.util.concurrent.CompletionException(
                                new IOException("HTTP " + response.statusCode()));
                    }
                    return response.body();
                })
                // The request timeout covers the answer's headers only; this bounds the body too.
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Gathers the body up to {@link #MAX_RESPONSE_BYTES}, cancelling the exchange past it. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (body.isDone()) {
                    return;
                }
                if (out.size() + b.remaining() > MAX_RESPONSE_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("answer larger than " + MAX_RESPONSE_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
