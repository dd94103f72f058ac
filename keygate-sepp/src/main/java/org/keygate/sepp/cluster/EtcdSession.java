package org.keygate.sepp.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * This instance's connection to etcd and its lease: every key it writes (membership, directory entries) hangs on the
 * lease, so etcd deletes them all when the instance stops renewing it (killed, cut off) for the lease TTL.
 *
 * <p>The lease is renewed by {@link #renew()} (one keep-alive, called periodically by {@link SeppCluster}) rather
 * than by jetcd's keep-alive stream, so that each renewal's outcome is seen: a failed one makes the session
 * unhealthy at once (new contexts are refused), and an expired lease is replaced by {@link #regrant()}. Every call
 * is bounded by the configured etcd timeout.
 */
final class EtcdSession implements AutoCloseable {
    private final Client client;
    private final Duration timeout;
    private final long ttlSeconds;
    private volatile long leaseId;

    EtcdSession(ClusterSettings settings) {
        this.client = Client.builder().endpoints(settings.etcd().toArray(java.net.URI[]::new))
                .connectTimeout(settings.etcdTimeout()).build();
        this.timeout = settings.etcdTimeout();
        this.ttlSeconds = settings.leaseTtl().toSeconds();
    }

    /** Grants a new lease; the keys of the old one (if any) are etcd's to expire. */
    void regrant() throws EtcdUnavailableException {
        leaseId = await(client.getLeaseClient().grant(ttlSeconds)).getID();
    }

    /** One keep-alive of the lease; false when etcd no longer knows it (it expired: {@link #regrant} is due). */
    boolean renew() throws EtcdUnavailableException {
        try {
            return await(client.getLeaseClient().keepAliveOnce(leaseId)).getTTL() > 0;
        } catch (EtcdUnavailableException e) {
            // etcd answered, and the answer is that the lease is gone: the caller joins anew.
            if (String.valueOf(e.getCause()).contains("lease not found")) {
                return false;
            }
            throw e;
        }
    }

    /** Revokes the lease: etcd deletes this instance's keys now rather than after the TTL (a graceful stop). */
    void revoke() throws EtcdUnavailableException {
        await(client.getLeaseClient().revoke(leaseId));
    }

    /** Writes {@code key} on the lease. */
    void put(String key, String value) throws EtcdUnavailableException {
        await(client.getKVClient().put(bytes(key), bytes(value), PutOption.builder().withLeaseId(leaseId).build()));
    }

    /**
     * Writes {@code key} on a lease of its own that ends in {@code ttlSeconds}, not on this instance's: the entry
     * outlives this instance and goes when its TTL does (a TLS-mode agreement until its expiry, docs/CLUSTER.md).
     */
    void putExpiring(String key, String value, long ttlSeconds) throws EtcdUnavailableException {
        long lease = await(client.getLeaseClient().grant(ttlSeconds)).getID();
        await(client.getKVClient().put(bytes(key), bytes(value), PutOption.builder().withLeaseId(lease).build()));
    }

    /** Deletes every key under {@code prefix}. */
    CompletableFuture<?> deletePrefixAsync(String prefix) {
        return client.getKVClient().delete(bytes(prefix),
                io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true).build());
    }

    CompletableFuture<?> deleteAsync(String key) {
        return client.getKVClient().delete(bytes(key));
    }

    /** The value of {@code key}, if etcd has one; fails after the session's timeout. */
    CompletableFuture<Optional<String>> getAsync(String key) {
        return client.getKVClient().get(bytes(key)).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(r -> r.getKvs().isEmpty() ? Optional.<String>empty()
                        : Optional.of(text(r.getKvs().getFirst().getValue())));
    }

    /** Every key under {@code prefix} with its value, and the revision they were read at. */
    Snapshot read(String prefix) throws EtcdUnavailableException {
        var got = await(client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()));
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue kv : got.getKvs()) {
            values.put(text(kv.getKey()), text(kv.getValue()));
        }
        return new Snapshot(values, got.getHeader().getRevision());
    }

    /**
     * Watches {@code prefix} from {@code afterRevision} + 1: {@code put} gets key and value of each write,
     * {@code delete} the key of each deletion (a lease expiring deletes its keys); {@code broken} is called if the
     * watch fails (etcd lost, history compacted), after which the caller reads and watches anew.
     */
    Watch.Watcher watch(String prefix, long afterRevision, java.util.function.BiConsumer<String, String> put,
            Consumer<String> delete, Consumer<Throwable> broken) {
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(afterRevision + 1).build();
        return client.getWatchClient().watch(bytes(prefix), option, Watch.listener(response -> {
            for (var event : response.getEvents()) {
                String key = text(event.getKeyValue().getKey());
                switch (event.getEventType()) {
                    case PUT -> put.accept(key, text(event.getKeyValue().getValue()));
                    case DELETE -> delete.accept(key);
                    default -> { }
                }
            }
        }, broken));
    }

    Client client() {
        return client;
    }

    Duration timeout() {
        return timeout;
    }

    <T> T await(CompletableFuture<T> f) throws EtcdUnavailableException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new EtcdUnavailableException("etcd did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            throw new EtcdUnavailableException("etcd refused or failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdUnavailableException("interrupted while waiting for etcd", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    record Snapshot(Map<String, String> values, long revision) {}

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
