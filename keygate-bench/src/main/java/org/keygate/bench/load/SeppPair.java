package org.keygate.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keygate.cli.lab.SeppYaml;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.lab.FreePorts;

/**
 * The benchmark's two SEPPs as {@code keygate lab} sets them up: home 001-01 in front of the UDM, visited 999-99
 * with a listener for its NFs; same PKI (one root per operator), same YAML members; for {@link Mode#PRINS_IPX} also
 * the IPX node's file (docs/IPX.md) and {@code peers[].ipx} on both sides. Two deliberate differences,
 * both for measuring: each SEPP offers only the mechanism under test (so the N32-c outcome cannot be the other one),
 * and the home SEPP's per-partner rate limit is lifted (its default of 5,000/s would measure the limiter, not the
 * forwarding path).
 */
public record SeppPair(Mode mode, Path homeConfig, Path visitedConfig, InetSocketAddress visitedSbi,
        List<InetSocketAddress> homeListeners, List<InetSocketAddress> visitedListeners, Optional<Path> ipxConfig,
        List<InetSocketAddress> ipxListeners) {
    public static final String HOME = "home";
    public static final String VISITED = "visited";
    static final PlmnId HOME_PLMN = PlmnId.parse("001-01");
    static final PlmnId VISITED_PLMN = PlmnId.parse("999-99");
    public static final String UDM_AUTHORITY = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    /** Far above what two cores can forward: the limiter never decides (RateLimitSettings default 5,000/s). */
    static final int UNLIMITED = 10_000_000;
    static final String UNLIMITED_RATE = "rateLimit: {messagesPerSecond: %d, burst: %d}\n".formatted(UNLIMITED,
            UNLIMITED);

    /** The lab IPX (docs/IPX.md): forwards N32-f between the two SEPPs, modifies nothing, signs nothing. */
    static final String IPX = "ipx";
    static final String IPX_FQDN = "ipx.lab.example";

    /**
     * The N32-f protection the pair uses (TS 33.501 13.5); PRINS_IPX: PRINS with N32-f through the lab IPX (N32-c
     * stays direct), which only forwards: no modification rules, so no authorization and no JWS to verify.
     */
    public enum Mode { TLS, PRINS, PRINS_IPX }

    /** The lab PKI (LabPki, as {@code keygate lab} and {@code keygate pki} make it), and the IPX's own CA. */
    public static void generatePki(Path dir) throws IOException, GeneralSecurityException {
        LabPki.generate(dir, List.of(new LabSepp(HOME, HOME_PLMN, HOME_PLMN.seppFqdn()),
                new LabSepp(VISITED, VISITED_PLMN, VISITED_PLMN.seppFqdn())), Duration.ofDays(2));
        LabPki.generateIntermediary(dir, IPX, IPX_FQDN, Duration.ofDays(2));
    }

    /** Writes {@code <mode>-home.yaml} and {@code <mode>-visited.yaml} on free loopback ports. */
    public static SeppPair write(Path dir, Mode mode, InetSocketAddress udm) throws IOException {
        return write(dir, mode, udm, Optional.empty());
    }

    /** As {@link #write(Path, Mode, InetSocketAddress)}, with {@code tls.provider} set in every node's file when given. */
    public static SeppPair write(Path dir, Mode mode, InetSocketAddress udm, Optional<String> tlsProvider)
            throws IOException {
        int[] p = FreePorts.loopback(6);
        int homeN32c = p[0];
        int homeN32f = p[1];
        int visitedN32c = p[2];
        int visitedN32f = p[3];
        int visitedSbi = p[4];
        int ipx = p[5];
        String name = mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        // Forwarding only: the IPX is not authorized to modify (no ipxProviders announce it).
        String viaIpx = mode != Mode.PRINS_IPX ? "" : SeppYaml.peerIpx(IPX_FQDN, ipx, false);
        Path home = dir.resolve(name + "-home.yaml");
        Files.writeString(home, common(HOME, HOME_PLMN, homeN32c, homeN32f, mode, tlsProvider) + UNLIMITED_RATE + udm(udm)
                + SeppYaml.onePeer(VISITED, VISITED_PLMN, visitedN32c, visitedN32f, List.of()) + viaIpx);
        Path visited = dir.resolve(name + "-visited.yaml");
        Files.writeString(visited, common(VISITED, VISITED_PLMN, visitedN32c, visitedN32f, mode, tlsProvider)
                + SeppYaml.ownNfListener(visitedSbi)
                + SeppYaml.onePeer(HOME, HOME_PLMN, homeN32c, homeN32f, SeppYaml.HOME_APIS) + viaIpx);
        Optional<Path> ipxFile = Optional.empty();
        if (mode == Mode.PRINS_IPX) {
            ipxFile = Optional.of(Files.writeString(dir.resolve(name + "-ipx.yaml"), """
                    # keygate IPX configuration written by the load benchmark (reference: docs/IPX.md)
                    name: hub
                    providerId: %s
                    n32f:
                      listen: 127.0.0.1:%d
                    tls:
                      certificateChain: ipx/ipx.crt
                      privateKey: ipx/ipx.key
                      protocols: [TLSv1.3, TLSv1.2]
                    sepps:
                      - name: home
                        plmnIds: ["%s"]
                        trustAnchor: home/ca.crt
                        n32f: {authority: "%s:%d", address: "127.0.0.1:%d"}
                      - name: visited
                        plmnIds: ["%s"]
                        trustAnchor: visited/ca.crt
                        n32f: {authority: "%s:%d", address: "127.0.0.1:%d"}
                    """.formatted(IPX_FQDN, ipx, HOME_PLMN, HOME_PLMN.seppFqdn(), homeN32f, homeN32f, VISITED_PLMN,
                    VISITED_PLMN.seppFqdn(), visitedN32f, visitedN32f).replace(PROTOCOLS, PROTOCOLS
                    + tlsProvider.map(v -> "  provider: " + v + "\n").orElse(""))));
        }
        return new SeppPair(mode, home, visited, loopback(visitedSbi),
                List.of(loopback(homeN32c), loopback(homeN32f)),
                List.of(loopback(visitedN32c), loopback(visitedN32f), loopback(visitedSbi)), ipxFile,
                ipxFile.isPresent() ? List.of(loopback(ipx)) : List.of());
    }

    /** The {@code tls.protocols} line of every node's file; {@code tls.provider} goes after it. */
    private static final String PROTOCOLS = "  protocols: [TLSv1.3, TLSv1.2]\n";

    private static String common(String name, PlmnId plmn, int n32c, int n32f, Mode mode, Optional<String> provider) {
        String yaml = SeppYaml.common("the load benchmark", name, plmn, n32c, n32f, java.util.OptionalInt.empty(),
                mode == Mode.TLS ? "TLS" : "PRINS");
        if (provider.isPresent() && !yaml.contains(PROTOCOLS)) {
            throw new IllegalStateException("SeppYaml.common no longer writes '" + PROTOCOLS.strip() + "'");
        }
        return yaml.replace(PROTOCOLS, PROTOCOLS + provider.map(p -> "  provider: " + p + "\n").orElse(""));
    }

    /** The home SEPP's {@code homeNfs}: the UDM under test. */
    static String udm(InetSocketAddress udm) {
        return SeppYaml.homeNfs(new SeppYaml.HomeNf(UDM_AUTHORITY, udm.getHostString() + ":" + udm.getPort()));
    }

    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
