package org.keygate.sepp.config;

import java.util.List;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.sbi.config.RawHttp2;
import org.keygate.sbi.config.RawListener;
import org.keygate.sbi.config.RawTls;

/**
 * The YAML file exactly as written, before validation: every member may be absent. Unknown members are refused
 * when read, so a misspelt key fails at start instead of being silently ignored. The reference for each member
 * is {@code docs/CONFIGURATION.md}.
 */
record RawSeppConfig(
        String name,
        String fqdn,
        List<String> plmnIds,
        RawListener n32c,
        RawListener admin,
        RawTls tls,
        Security security,
        ProtectionPolicy protectionPolicy,
        List<IpxProviderSecInfo> ipxProviders,
        N32f n32f,
        List<HomeNf> homeNfs,
        RawListener sbi,
        Routing routing,
        RateLimit rateLimit,
        PlmnIdCheck plmnIdCheck,
        TopologyHiding topologyHiding,
        List<Peer> peers,
        RawHttp2 http2,
        Shutdown shutdown,
        Cluster cluster) {

    /** One instance of a SEPP run as several on etcd (docs/CLUSTER.md). */
    record Cluster(List<String> etcd, String instance, String internal, String leaseTtl, String etcdTimeout,
            String n32f) {}

    record Shutdown(String drainTimeout) {}

    record Routing(String telescopicDomain, Integer maxTelescopicEntries) {}

    record RateLimit(Double messagesPerSecond, Integer burst, Integer maxInFlight) {}

    record PlmnIdCheck(List<String> servingNetworkNameMembers, List<String> plmnIdMembers, Boolean checkAccessToken) {}

    record TopologyHiding(java.util.Map<String, String> pseudonyms, List<String> headers, Boolean refuseUnmapped) {}

    record HomeNf(String authority, String address, String scheme, HomeNfTls tls) {}

    record HomeNfTls(List<String> trustAnchors, String certificateChain, String privateKey) {}

    record Security(
            List<String> capabilities,
            List<String> jweCipherSuites,
            List<String> jwsCipherSuites,
            String onPolicyMismatch,
            List<String> requiredPeerEncryption,
            String contextLifetime,
            String handshakeTimeout,
            Integer handshakeRetries,
            String retryBackoff,
            String n32KeepaliveTimer) {}

    record N32f(
            String fqdn,
            Integer port,
            String listen,
            Integer maxRequestBodyBytes,
            Integer maxConcurrentStreams,
            String idleTimeout,
            Integer maxConnections,
            Integer maxConnectionsPerSource,
            Integer reservedConnections,
            String handshakeTimeout,
            String idleTimeoutNearLimit,
            List<String> knownSources) {}

    record Peer(
            String name,
            String fqdn,
            List<String> plmnIds,
            String n32c,
            String n32f,
            String trustAnchor,
            Boolean initiate,
            ProtectionPolicy protectionPolicy,
            List<String> allowedApis,
            List<String> allowedPurposes,
            RateLimit rateLimit,
            List<String> inboundApis,
            Ipx ipx,
            Boolean fillOriginatingNetworkId,
            org.keygate.sbi.config.RawRevocation revocation) {}

    record Ipx(String providerId, String fqdn, String n32f, String trustAnchor, Boolean authorize,
            org.keygate.sbi.config.RawRevocation revocation) {}
}
