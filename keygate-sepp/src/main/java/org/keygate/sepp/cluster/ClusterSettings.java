package org.keygate.sepp.cluster;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.sepp.peer.AnnouncedN32f;

/**
 * The {@code cluster} member of a SEPP's configuration (docs/CLUSTER.md), validated: this SEPP is one instance of
 * several that share its identity, with etcd as their memory.
 *
 * @param etcd the etcd client endpoints ({@code http://host:port}), any of which may answer.
 * @param instance this instance's name, unique in the cluster: the owner named in the context directory.
 * @param internal where this instance listens for messages relayed by the others (mutual TLS with the SEPP's own
 *     certificate), and what it announces to them.
 * @param leaseTtl the etcd lease of this instance's membership and directory entries: an instance that dies drops
 *     out of the cluster within it.
 * @param etcdTimeout how long one etcd operation may take before it counts as failed.
 * @param n32f this instance's own N32-f address, announced to partners in exchange-capability instead of the SEPP's
 *     ({@code senderN32fFqdn}, {@code senderN32fPort}/{@code senderN32fPortList}, TS 29.573 6.1.5.2.2/6.1.5.2.3), so
 *     that a partner sends each context's messages to the instance that owns it; empty: the SEPP's own is announced
 *     and partners' messages are relayed to the owner wherever they land.
 */
public record ClusterSettings(List<URI> etcd, String instance, InetSocketAddress internal, Duration leaseTtl,
        Duration etcdTimeout, Optional<AnnouncedN32f> n32f) {
    /** Lease TTL by default: an instance killed drops out within 5 s, while a 1 s keep-alive rides out a GC pause. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);
    /** etcd answers on a LAN in milliseconds; 2 s bounds what a hung etcd costs one handshake. */
    public static final Duration DEFAULT_ETCD_TIMEOUT = Duration.ofSeconds(2);
    /** etcd refuses leases below its minimum TTL (1.5 x its election timeout, 1 s by default): 2 s is the floor. */
    public static final Duration MIN_LEASE_TTL = Duration.ofSeconds(2);
    public static final Duration MAX_LEASE_TTL = Duration.ofSeconds(300);
    /** Instance names are etcd key segments and metric tags: DNS-label characters only. */
    public static final String INSTANCE_PATTERN = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    public ClusterSettings {
        etcd = List.copyOf(etcd);
        if (etcd.isEmpty()) {
            throw new IllegalArgumentException("etcd: [] (expected: at least one endpoint)");
        }
        Objects.requireNonNull(instance, "instance");
        if (!instance.matches(INSTANCE_PATTERN)) {
            throw new IllegalArgumentException("instance: " + instance + " (expected: " + INSTANCE_PATTERN + ")");
        }
        Objects.requireNonNull(internal, "internal");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(etcdTimeout, "etcdTimeout");
        Objects.requireNonNull(n32f, "n32f");
    }

    /** An instance that announces the SEPP's N32-f address, not one of its own. */
    public ClusterSettings(List<URI> etcd, String instance, InetSocketAddress internal, Duration leaseTtl,
            Duration etcdTimeout) {
        this(etcd, instance, internal, leaseTtl, etcdTimeout, Optional.empty());
    }
}
