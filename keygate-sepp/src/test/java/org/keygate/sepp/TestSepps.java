package org.keygate.sepp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.sbi.config.ListenerConfig;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.n32.policy.CipherSuiteSelection;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.n32.policy.ProtectionPolicyCheck;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.lab.FreePorts;

/**
 * A home (001-01) and a visited (999-99) SEPP for tests, with a lab PKI generated into a temporary directory and
 * free loopback ports. A third identity, "rogue", claims PLMN 999-99 under a CA nobody trusts.
 */
public final class TestSepps {
    public static final PlmnId HOME_PLMN = PlmnId.parse("001-01");
    public static final PlmnId VISITED_PLMN = PlmnId.parse("999-99");
    public static final List<SecurityCapability> PRINS_FIRST = List.of(SecurityCapability.PRINS, SecurityCapability.TLS);
    public static final List<SecurityCapability> TLS_FIRST = List.of(SecurityCapability.TLS, SecurityCapability.PRINS);

    public final Path dir;
    public final Map<String, LabSeppFiles> files;
    public final int homePort;
    public final int visitedPort;
    public final int homeN32fPort;
    public final int visitedN32fPort;

    public TestSepps(Path dir) throws IOException {
        this.dir = dir;
        try {
            this.files = LabPki.generate(dir, List.of(
                    new LabSepp("home", HOME_PLMN, HOME_PLMN.seppFqdn()),
                    new LabSepp("visited", VISITED_PLMN, VISITED_PLMN.seppFqdn()),
                    new LabSepp("rogue", VISITED_PLMN, VISITED_PLMN.seppFqdn())), Duration.ofDays(2));
        } catch (Exception e) {
            throw new IOException(e);
        }
        int[] ports = FreePorts.loopback(4);
        this.homePort = ports[0];
        this.visitedPort = ports[1];
        this.homeN32fPort = ports[2];
        this.visitedN32fPort = ports[3];
    }

    /** The home SEPP, with an N32-f listener; its peer is the visited SEPP, N32-f included. */
    public SeppConfig home(List<SecurityCapability> priority) throws Exception {
        return config("home", HOME_PLMN, homePort, priority, PolicyMismatchAction.ERROR,
                ProtectionPolicyCheck.ALWAYS_ENCRYPTED, withN32f(peer("visited", VISITED_PLMN, visitedPort),
                        visitedN32fPort)).withN32f(listener(homeN32fPort), List.of());
    }

    public SeppConfig visited(List<SecurityCapability> priority) throws Exception {
        return config("visited", VISITED_PLMN, visitedPort, priority, PolicyMismatchAction.ERROR,
                ProtectionPolicyCheck.ALWAYS_ENCRYPTED, withN32f(peer("home", HOME_PLMN, homePort), homeN32fPort))
                .withN32f(listener(visitedN32fPort), List.of());
    }

    public static ListenerConfig listener(int port) {
        return new ListenerConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                ListenerConfig.DEFAULT_MAX_REQUEST_BODY_BYTES, 100, Duration.ofMinutes(1), 100);
    }

    /**
     * The visited SEPP with a listener for its own NFs ({@code tls}: h2 with its certificate, else h2c) that routes
     * Nudm_UEAU and Nudm_SDM to the home partner, as RoamingProxyTest's visited NF uses it.
     */
    public static SeppConfig withOwnNfListener(SeppConfig visited, int port, boolean tls) {
        ListenerConfig l = listener(port);
        l = new ListenerConfig(l.address(), l.maxRequestBodyBytes(), l.maxConcurrentStreams(), l.idleTimeout(),
                l.maxConnections(), tls);
        return visited.withConsumerSide(l, new org.keygate.sepp.config.EdgeSettings(
                org.keygate.sepp.routing.RoutingSettings.builder().ownPlmn(VISITED_PLMN)
                        .route("home", Set.of("nudm-ueau", "nudm-sdm")).build(),
                org.keygate.sepp.edge.RateLimitSettings.builder().build(),
                org.keygate.sepp.edge.PlmnIdCheckSettings.defaults(),
                org.keygate.sepp.edge.TopologyHidingSettings.builder().ownPlmn(VISITED_PLMN).refuseUnmapped(false)
                        .build(), Map.of()));
    }

    /** {@code p} reachable for N32-f on loopback {@code port}. */
    public static PeerSepp withN32f(PeerSepp p, int port) {
        return new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(), p.trustAnchor(), p.initiate(),
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), p.protectionPolicy());
    }

    public SeppConfig config(String name, PlmnId plmn, int port, List<SecurityCapability> priority,
            PolicyMismatchAction onMismatch, Set<String> requiredPeerEncryption, PeerSepp peer) throws Exception {
        LabSeppFiles f = files.get(name);
        N32cSettings settings = new N32cSettings(plmn.seppFqdn(), List.of(plmn), priority,
                List.of(JweEnc.A256GCM, JweEnc.A128GCM), List.of(CipherSuiteSelection.JWS_ES256),
                DefaultProtectionPolicy.get(), List.of(), requiredPeerEncryption, onMismatch, Duration.ofHours(1),
                plmn.seppFqdn(), 0);
        return new SeppConfig(name, settings, listener(port), Optional.empty(), TlsKeyMaterial.load(f.certChain(), f.privateKey()), List.of("TLSv1.3", "TLSv1.2"),
                new HandshakeRetryPolicy(Duration.ofSeconds(10), 0, Duration.ZERO), List.of(peer));
    }

    /** {@code c} with these IPX providers announced in parameter exchange. */
    public static SeppConfig withIpx(SeppConfig c, List<IpxProviderSecInfo> ipx) {
        N32cSettings n = c.n32c();
        return withN32c(c, new N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), n.protectionPolicy(), ipx, n.requiredPeerEncryption(), n.onPolicyMismatch(),
                n.contextLifetime(), n.n32fFqdn(), n.n32fPort()));
    }

    /** {@code c} with {@code policy} as its protection policy for every partner. */
    public static SeppConfig withPolicy(SeppConfig c, org.keygate.n32.n32c.model.ProtectionPolicy policy) {
        N32cSettings n = c.n32c();
        return withN32c(c, new N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), policy, n.ipxProviders(), n.requiredPeerEncryption(), n.onPolicyMismatch(),
                n.contextLifetime(), n.n32fFqdn(), n.n32fPort()));
    }

    /** {@code c} claiming {@code plmnIds} in plmnIdList (whatever its certificate carries). */
    public static SeppConfig withPlmnIds(SeppConfig c, List<PlmnId> plmnIds) {
        N32cSettings n = c.n32c();
        return withN32c(c, new N32cSettings(n.fqdn(), plmnIds, n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), n.protectionPolicy(), n.ipxProviders(), n.requiredPeerEncryption(),
                n.onPolicyMismatch(), n.contextLifetime(), n.n32fFqdn(), n.n32fPort()));
    }

    /** {@code c} with {@code n} as its N32-c settings. */
    public static SeppConfig withN32c(SeppConfig c, N32cSettings n) {
        return new SeppConfig(c.name(), n, c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), c.peers(), c.n32fListener(), c.homeNfs(), c.sbiListener(), c.edge());
    }

    /** A fresh P-256 public key as base64 DER SubjectPublicKeyInfo (DESIGN.md's rawPublicKeyList form). */
    public static String p256PublicKey() throws Exception {
        var g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
    }

    public PeerSepp peer(String name, PlmnId plmn, int port) throws Exception {
        return new PeerSepp(name, plmn.seppFqdn(), List.of(plmn),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                PemFiles.readCertificates(files.get(name).caCert()).getFirst(), false);
    }
}
