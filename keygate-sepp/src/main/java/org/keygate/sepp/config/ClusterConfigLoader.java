package org.keygate.sepp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keygate.sepp.cluster.ClusterSettings;
import org.keygate.sepp.peer.AnnouncedN32f;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sbi.config.ConfigReader;
import org.keygate.sbi.config.HostPort;

/** The {@code cluster} member (docs/CLUSTER.md, docs/CONFIGURATION.md): absent, the SEPP runs alone, without etcd. */
final class ClusterConfigLoader {
    private ClusterConfigLoader() {}

    static Optional<ClusterSettings> cluster(RawSeppConfig.Cluster raw) {
        if (raw == null) {
            return Optional.empty();
        }
        List<String> endpoints = ConfigReader.required("cluster.etcd", raw.etcd());
        if (endpoints.isEmpty()) {
            throw new ConfigException("cluster.etcd", "[]", "at least one etcd endpoint such as http://127.0.0.1:2379");
        }
        List<URI> etcd = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            etcd.add(endpoint("cluster.etcd[" + i + "]", endpoints.get(i)));
        }
        String instance = ConfigReader.required("cluster.instance", raw.instance());
        if (!instance.matches(ClusterSettings.INSTANCE_PATTERN)) {
            throw new ConfigException("cluster.instance", instance,
                    "a name of lowercase letters, digits and '-', 1..63 characters, unique in the cluster");
        }
        var internal = HostPort.parse("cluster.internal", ConfigReader.required("cluster.internal", raw.internal()));
        if (internal.getAddress().isAnyLocalAddress()) {
            throw new ConfigException("cluster.internal", raw.internal(),
                    "an address the other instances can reach (it is announced to them), not a wildcard");
        }
        Duration ttl = ConfigReader.positive("cluster.leaseTtl", raw.leaseTtl(), ClusterSettings.DEFAULT_LEASE_TTL);
        if (ttl.compareTo(ClusterSettings.MIN_LEASE_TTL) < 0 || ttl.compareTo(ClusterSettings.MAX_LEASE_TTL) > 0
                || ttl.toNanos() % 1_000_000_000L != 0) {
            throw new ConfigException("cluster.leaseTtl", raw.leaseTtl(), "whole seconds, "
                    + ClusterSettings.MIN_LEASE_TTL.toSeconds() + "s..." + ClusterSettings.MAX_LEASE_TTL.toSeconds() + "s");
        }
        Duration timeout = ConfigReader.positive("cluster.etcdTimeout", raw.etcdTimeout(),
                ClusterSettings.DEFAULT_ETCD_TIMEOUT);
        if (timeout.compareTo(ttl) >= 0) {
            throw new ConfigException("cluster.etcdTimeout", raw.etcdTimeout(), "below cluster.leaseTtl (" + ttl + ")");
        }
        return Optional.of(new ClusterSettings(etcd, instance, internal, ttl, timeout,
                Optional.ofNullable(raw.n32f()).map(ClusterConfigLoader::n32f)));
    }

    /**
     * {@code cluster.n32f}: FQDN:PORT, announced as senderN32fFqdn and senderN32fPort(List). Not resolved here: it is
     * the partners' address of this instance (the SEPP's FQDN with an instance-specific port of the load balancer, or
     * an instance FQDN in DNS), which this host need not reach.
     */
    private static AnnouncedN32f n32f(String text) {
        String field = "cluster.n32f";
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(field, text, "FQDN:PORT, this instance's own N32-f address as partners reach it");
        }
        String fqdn = ConfigReader.fqdn(field, text.substring(0, colon));
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(field, text, "FQDN:PORT with a numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException(field, text, "a TCP port 1..65535");
        }
        return new AnnouncedN32f(fqdn, port);
    }

    private static URI endpoint(String field, String text) {
        try {
            URI u = new URI(text == null ? "" : text.strip());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getPort() > 0 && (u.getPath() == null || u.getPath().isEmpty())) {
                return u;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new ConfigException(field, text, "an etcd client URL such as http://127.0.0.1:2379");
    }
}
