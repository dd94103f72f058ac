package org.keygate.sbi.client;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches {@link SbiClient}'s package-private hook for the in-memory benchmark (this class sits in keygate-bench, in
 * keygate-sbi's package, so that keygate-sbi exports nothing for benchmarks).
 */
public final class EmbeddedSbiClient {
    private EmbeddedSbiClient() {}

    /** The client's HTTP/2 handlers on {@code ch}; the connection is ready once the server's SETTINGS arrived. */
    public static CompletableFuture<SbiClientConnection> attach(SbiClient client, Channel ch) {
        return client.attachHttp2(ch);
    }
}
