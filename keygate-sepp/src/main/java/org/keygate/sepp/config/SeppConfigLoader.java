package org.keygate.sepp.config;

import static org.keygate.sbi.config.ConfigReader.fqdn;
import static org.keygate.sbi.config.ConfigReader.h2;
import static org.keygate.sbi.config.ConfigReader.plmnIds;
import static org.keygate.sbi.config.ConfigReader.positive;
import static org.keygate.sbi.config.ConfigReader.required;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.policy.CipherSuiteSelection;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.n32.policy.ProtectionPolicyCheck;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sbi.config.ConfigReader;
import org.keygate.sbi.config.HostPort;
import org.keygate.sbi.config.ListenerConfig;
import org.keygate.sbi.config.RawListener;
import org.keygate.sbi.config.RawTls;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.nf.NfTls;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.plmn.PlmnId;

/**
 * Reads a SEPP's YAML configuration and validates every member, failing at start with the member's path, the
 * value and what was expected. File paths are relative to the configuration file's directory. Certificates and
 * keys are read here, so a wrong file is reported before any socket opens. The members every node's file has are
 * read by keygate-sbi's {@link ConfigReader}, as the IPX node's file is.
 */
public final class SeppConfigLoader {
    /** TS 33.501 13.2.4.4.1 asks for fresh contexts "on stream ID exhaustion"; a day is keygate's default. */
    public static final Duration DEFAULT_CONTEXT_LIFETIME = Duration.ofHours(24);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_HANDSHAKE_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

    private final ConfigReader files;

    SeppConfigLoader(Path baseDir) {
        this.files = new ConfigReader(baseDir);
    }

    public static SeppConfig load(Path file) {
        RawSeppConfig raw = ConfigReader.read(file, RawSeppConfig.class);
        Path dir = file.toAbsolutePath().getParent();
        try {
            return new SeppConfigLoader(dir).validate(raw);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private SeppConfig validate(RawSeppConfig raw) {
        String name = required("name", raw.name());
        String fqdn = fqdn("fqdn", required("fqdn", raw.fqdn()));
        List<PlmnId> plmnIds = plmnIds("plmnIds", raw.plmnIds());
        ListenerConfig n32c = files.listener("n32c", required("n32c", raw.n32c()));
        Optional<ListenerConfig> admin = Optional.ofNullable(raw.admin()).map(a -> files.listener("admin", a));
        RawTls tls = required("tls", raw.tls());
        TlsKeyMaterial keys = files.keyMaterial(tls);
        List<String> protocols = ConfigReader.tlsProtocols(tls);
        RawSeppConfig.Security sec = raw.security() == null
                ? new RawSeppConfig.Security(null, null, null, null, null, null, null, null, null, null) : raw.security();
        RawSeppConfig.N32f n32f = raw.n32f() == null ? new RawSeppConfig.N32f(null, null, null, null, null, null, null,
                null, null, null, null, null) : raw.n32f();
        Optional<ListenerConfig> n32fListener = Optional.ofNullable(n32f.listen()).map(l -> files.listener("n32f",
                new RawListener(l, n32f.maxRequestBodyBytes(), n32f.maxConcurrentStreams(),
                        n32f.idleTimeout(), n32f.maxConnections(), n32f.maxConnectionsPerSource(),
                        n32f.reservedConnections(), n32f.handshakeTimeout(), n32f.idleTimeoutNearLimit(),
                        n32f.knownSources(), null)));
        // Announced in senderN32fPort: the configured port, else the N32-f listener's own when it is fixed; without
        // an N32-f listener, N32-f goes to the N32-c listener (issue 19), so its port.
        int n32fPort = n32f.port() != null ? n32f.port()
                : n32fListener.map(l -> l.address().getPort()).orElse(n32c.address().getPort());
        if (n32fPort < 0 || n32fPort > 65535) {
            throw new ConfigException("n32f.port", n32fPort, "a TCP port 1..65535");
        }
        N32cSettings settings = new N32cSettings(fqdn, plmnIds, capabilities(sec.capabilities()),
                jweSuites(sec.jweCipherSuites()), jwsSuites(sec.jwsCipherSuites()),
                raw.protectionPolicy() == null ? DefaultProtectionPolicy.get()
                        : sendable("protectionPolicy", raw.protectionPolicy()),
                raw.ipxProviders() == null ? List.of() : raw.ipxProviders(),
                requiredPeerEncryption(sec.requiredPeerEncryption()), mismatchAction(sec.onPolicyMismatch()),
                positive("security.contextLifetime", sec.contextLifetime(), DEFAULT_CONTEXT_LIFETIME),
                n32f.fqdn() == null ? fqdn : fqdn("n32f.fqdn", n32f.fqdn()), n32fPort,
                keepalive(sec.n32KeepaliveTimer()));
        int retries = sec.handshakeRetries() == null ? DEFAULT_HANDSHAKE_RETRIES : sec.handshakeRetries();
        if (retries < 0 || retries > 100) {
            throw new ConfigException("security.handshakeRetries", retries, "0..100");
        }
        HandshakeRetryPolicy retry = new HandshakeRetryPolicy(
                positive("security.handshakeTimeout", sec.handshakeTimeout(), DEFAULT_HANDSHAKE_TIMEOUT), retries,
                positive("security.retryBackoff", sec.retryBackoff(), DEFAULT_RETRY_BACKOFF));
        List<PeerSepp> peers = peers(raw.peers(), settings);
        Optional<ListenerConfig> sbi = Optional.ofNullable(raw.sbi()).map(l -> files.listener("sbi", l));
        Duration drain = positive("shutdown.drainTimeout", raw.shutdown() == null ? null : raw.shutdown().drainTimeout(),
                SeppConfig.DEFAULT_DRAIN_TIMEOUT);
        return new SeppConfig(name, settings, n32c, admin, keys, protocols, retry, peers, n32fListener,
                homeNfs(raw.homeNfs()), sbi, EdgeConfigLoader.edge(raw, plmnIds, peers), h2(raw.http2()), drain,
                RevocationConfigLoader.revocation(raw.peers(), peers, files),
                ClusterConfigLoader.cluster(raw.cluster()), ConfigReader.tlsProvider(tls));
    }

    private List<PeerSepp> peers(List<RawSeppConfig.Peer> raw, N32cSettings settings) {
        if (raw == null || raw.isEmpty()) {
            throw new ConfigException("peers", raw, "at least one roaming partner");
        }
        List<PeerSepp> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<PlmnId> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String f = "peers[" + i + "]";
            RawSeppConfig.Peer p = required(f, raw.get(i));
            String name = required(f + ".name", p.name());
            if (!names.add(name)) {
                throw new ConfigException(f + ".name", name, "a name no other peer has");
            }
            List<PlmnId> plmns = plmnIds(f + ".plmnIds", p.plmnIds());
            for (PlmnId plmn : plmns) {
                if (!seen.add(plmn)) {
                    throw new ConfigException(f + ".plmnIds", plmn, "a PLMN ID no other peer serves");
                }
            }
            Path anchor = files.file(f + ".trustAnchor", required(f + ".trustAnchor", p.trustAnchor()));
            java.security.cert.X509Certificate ca;
            try {
                ca = PemFiles.readCertificates(anchor).getFirst();
            } catch (Exception e) {
                throw new ConfigException(f + ".trustAnchor: cannot read a certificate from " + anchor + ": "
                        + e.getMessage(), e);
            }
            PeerSepp peer = new PeerSepp(name, fqdn(f + ".fqdn", required(f + ".fqdn", p.fqdn())), plmns,
                    HostPort.parse(f + ".n32c", required(f + ".n32c", p.n32c())), ca,
                    p.initiate() != null && p.initiate(),
                    Optional.ofNullable(p.n32f()).map(a -> HostPort.parse(f + ".n32f", a)),
                    Optional.ofNullable(p.protectionPolicy()).map(pp -> sendable(f + ".protectionPolicy", pp)));
            out.add(p.ipx() == null ? peer : peer.through(intermediary(f + ".ipx", p.ipx(), settings)));
        }
        return out;
    }

    /** {@code peers[].ipx}: the Roaming Intermediary N32-f with that partner goes through (docs/IPX.md). */
    private RoamingIntermediary intermediary(String f, RawSeppConfig.Ipx raw, N32cSettings settings) {
        if (!settings.capabilities().contains(SecurityCapability.PRINS)) {
            // TS 33.501 13.1.2: TLS alone protects N32-f only where no Roaming Intermediary sits between the SEPPs.
            throw new ConfigException(f, "set", "security.capabilities with PRINS: N32-f through an IPX is PRINS");
        }
        String providerId = fqdn(f + ".providerId", required(f + ".providerId", raw.providerId()));
        String name = raw.fqdn() == null ? providerId : fqdn(f + ".fqdn", raw.fqdn());
        Path anchor = files.file(f + ".trustAnchor", required(f + ".trustAnchor", raw.trustAnchor()));
        java.security.cert.X509Certificate ca;
        try {
            ca = PemFiles.readCertificates(anchor).getFirst();
        } catch (Exception e) {
            throw new ConfigException(f + ".trustAnchor: cannot read a certificate from " + anchor + ": "
                    + e.getMessage(), e);
        }
        boolean announced = settings.ipxProviders().stream()
                .anyMatch(i -> providerId.equalsIgnoreCase(i.ipxProviderId()));
        boolean authorize = raw.authorize() == null ? announced : raw.authorize();
        if (authorize && !announced) {
            // The partner verifies the IPX's signature only with keys this SEPP announced (TS 33.501 13.2.4.7).
            throw new ConfigException(f + ".authorize", true, "false, or ipxProviders listing " + providerId
                    + " with its keys");
        }
        return new RoamingIntermediary(providerId, name, HostPort.parse(f + ".n32f", required(f + ".n32f", raw.n32f())),
                ca, authorize);
    }

    private List<NfRoute> homeNfs(List<RawSeppConfig.HomeNf> raw) {
        List<NfRoute> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; raw != null && i < raw.size(); i++) {
            String f = "homeNfs[" + i + "]";
            RawSeppConfig.HomeNf nf = required(f, raw.get(i));
            String authority = required(f + ".authority", nf.authority());
            if (!authority.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?") || !seen.add(authority.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(f + ".authority", authority, "host or host:port, each once");
            }
            String scheme = nf.scheme() == null ? "http" : nf.scheme();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigException(f + ".scheme", scheme, "http (h2c) or https (TLS)");
            }
            if (scheme.equals("http") && nf.tls() != null) {
                throw new ConfigException(f + ".tls", "present", "no tls block with scheme http");
            }
            Optional<NfTls> tls = scheme.equals("https")
                    ? Optional.of(nfTls(f + ".tls", required(f + ".tls", nf.tls()))) : Optional.empty();
            out.add(new NfRoute(authority, HostPort.parse(f + ".address", required(f + ".address", nf.address())),
                    tls));
        }
        return out;
    }

    /** {@code homeNfs[].tls}: the operator's anchors for its NFs and, optionally, the SEPP's client certificate. */
    private NfTls nfTls(String f, RawSeppConfig.HomeNfTls raw) {
        List<String> anchors = required(f + ".trustAnchors", raw.trustAnchors());
        if (anchors.isEmpty()) {
            throw new ConfigException(f + ".trustAnchors", "[]", "at least one CA certificate file");
        }
        List<java.security.cert.X509Certificate> cas = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            Path anchor = files.file(f + ".trustAnchors[" + i + "]", anchors.get(i));
            try {
                cas.addAll(PemFiles.readCertificates(anchor));
            } catch (Exception e) {
                throw new ConfigException(f + ".trustAnchors[" + i + "]: cannot read a certificate from " + anchor
                        + ": " + e.getMessage(), e);
            }
        }
        if ((raw.certificateChain() == null) != (raw.privateKey() == null)) {
            throw new ConfigException(f + ".certificateChain", raw.certificateChain(),
                    "certificateChain and privateKey together, or neither");
        }
        Optional<TlsKeyMaterial> client = Optional.empty();
        if (raw.certificateChain() != null) {
            Path chain = files.file(f + ".certificateChain", raw.certificateChain());
            Path key = files.file(f + ".privateKey", raw.privateKey());
            try {
                client = Optional.of(TlsKeyMaterial.load(chain, key));
            } catch (RuntimeException | java.io.IOException | java.security.GeneralSecurityException e) {
                throw new ConfigException(f + ": cannot load " + chain + " / " + key + ": " + e.getMessage(), e);
            }
        }
        return new NfTls(cas, client);
    }

    private static List<SecurityCapability> capabilities(List<String> raw) {
        if (raw == null) {
            return List.of(SecurityCapability.PRINS, SecurityCapability.TLS);
        }
        List<SecurityCapability> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            SecurityCapability c = SecurityCapability.of(String.valueOf(raw.get(i)));
            if (!c.isKnownMechanism() || out.contains(c)) {
                throw new ConfigException("security.capabilities[" + i + "]", raw.get(i), "PRINS or TLS, each once");
            }
            out.add(c);
        }
        nonEmpty("security.capabilities", out);
        return out;
    }

    private static List<JweEnc> jweSuites(List<String> raw) {
        if (raw == null) {
            return List.of(JweEnc.A256GCM, JweEnc.A128GCM);
        }
        List<JweEnc> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            int index = i;
            out.add(JweEnc.fromJoseName(String.valueOf(raw.get(i))).orElseThrow(() -> new ConfigException(
                    "security.jweCipherSuites[" + index + "]", raw.get(index), "A128GCM or A256GCM")));
        }
        nonEmpty("security.jweCipherSuites", out);
        return out;
    }

    private static List<String> jwsSuites(List<String> raw) {
        if (raw == null) {
            return List.of(CipherSuiteSelection.JWS_ES256);
        }
        for (int i = 0; i < raw.size(); i++) {
            if (!CipherSuiteSelection.JWS_ES256.equals(raw.get(i))) {
                throw new ConfigException("security.jwsCipherSuites[" + i + "]", raw.get(i),
                        "ES256, the only JWS algorithm TS 33.501 13.2.4.9 allows");
            }
        }
        nonEmpty("security.jwsCipherSuites", raw);
        return raw;
    }

    private static Set<String> requiredPeerEncryption(List<String> raw) {
        return raw == null ? ProtectionPolicyCheck.ALWAYS_ENCRYPTED : Set.copyOf(raw);
    }

    private static PolicyMismatchAction mismatchAction(String raw) {
        if (raw == null) {
            return PolicyMismatchAction.ERROR;
        }
        return switch (raw) {
            case "error" -> PolicyMismatchAction.ERROR;
            case "warn" -> PolicyMismatchAction.WARN;
            default -> throw new ConfigException("security.onPolicyMismatch", raw, "error or warn");
        };
    }

    /**
     * A configured protection policy that a partner would accept in exchange-params (TS 29.573 ProtectionPolicy:
     * apiIeMappingList required with at least one entry, each entry's mandatory members): refused here, naming the
     * member, instead of by every partner at each handshake.
     */
    private static org.keygate.n32.n32c.model.ProtectionPolicy sendable(String field,
            org.keygate.n32.n32c.model.ProtectionPolicy policy) {
        var checks = org.keygate.n32.n32c.model.N32cMessageChecks.of(policy);
        if (!checks.passed()) {
            var first = checks.missing().isEmpty() ? checks.incorrect().getFirst() : checks.missing().getFirst();
            String member = first.param().replaceFirst("^/", "").replace('/', '.');
            throw new ConfigException(field + (member.isEmpty() ? "" : "." + member), first.reason(),
                    "what a partner accepts in exchange-params (TS 29.573 ProtectionPolicy)");
        }
        return policy;
    }

    /** Rel-19 n32KeepaliveTimer (DurationSec): whole seconds, at least one; absent: none announced. */
    private static Optional<Duration> keepalive(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Duration d = positive("security.n32KeepaliveTimer", raw, null);
        if (d.toSeconds() < 1 || d.toNanos() % 1_000_000_000L != 0) {
            throw new ConfigException("security.n32KeepaliveTimer", raw, "whole seconds, at least 1s");
        }
        return Optional.of(d);
    }

    private static void nonEmpty(String field, List<?> list) {
        if (list.isEmpty()) {
            throw new ConfigException(field, "[]", "at least one entry");
        }
    }

}
