package org.keygate.cli.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;

/**
 * One lab run: a home and a visited SEPP on loopback, the visited one initiating the N32-c handshake, the home
 * one's capability priority deciding the outcome (TS 33.501 13.5 step 2).
 */
public final class LabScenario implements AutoCloseable {
    /** Bound on the whole handshake, retries included; loopback needs milliseconds. */
    static final Duration HANDSHAKE_BOUND = Duration.ofSeconds(60);

    final String title;
    public final SeppNode home;
    public final SeppNode visited;

    private LabScenario(String title, SeppNode home, SeppNode visited) {
        this.title = title;
        this.home = home;
        this.visited = visited;
    }

    /** The lab PKI: a root and a SEPP certificate for each of the two operators, valid 30 days. */
    public static void generatePki(Path labDir) throws IOException, java.security.GeneralSecurityException {
        LabPki.generate(labDir, List.of(
                new LabSepp(LabTopology.HOME, LabTopology.HOME_PLMN, LabTopology.HOME_PLMN.seppFqdn()),
                new LabSepp(LabTopology.VISITED, LabTopology.VISITED_PLMN, LabTopology.VISITED_PLMN.seppFqdn())),
                Duration.ofDays(30));
    }

    /** Writes both configurations, starts both SEPPs. The home SEPP prefers {@code homePriority}. */
    public static LabScenario start(String title, Path labDir, LabTopology topology, int index, List<String> homePriority)
            throws IOException {
        var homeSide = new LabConfigWriter.Side(LabTopology.HOME, LabTopology.HOME_PLMN,
                topology.n32cPort(index, LabTopology.HOME), topology.adminPort(index, LabTopology.HOME),
                homePriority, false, LabTopology.HOME_IPX, LabIpx.publicKey());
        var visitedSide = new LabConfigWriter.Side(LabTopology.VISITED, LabTopology.VISITED_PLMN,
                topology.n32cPort(index, LabTopology.VISITED), topology.adminPort(index, LabTopology.VISITED),
                List.of("PRINS", "TLS"), false, LabTopology.VISITED_IPX, LabIpx.publicKey());
        Path homeFile = LabConfigWriter.write(labDir, "scenario" + (index + 1) + "-home.yaml", homeSide, visitedSide);
        Path visitedFile =
                LabConfigWriter.write(labDir, "scenario" + (index + 1) + "-visited.yaml", visitedSide, homeSide);
        SeppNode home = SeppNode.start(SeppConfigLoader.load(homeFile), Clock.systemUTC());
        try {
            SeppNode visited = SeppNode.start(SeppConfigLoader.load(visitedFile), Clock.systemUTC());
            return new LabScenario(title, home, visited);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    /** Runs the handshake and returns what each side recorded. */
    public LabOutcome run() throws Exception {
        N32fContext initiatorSide = visited.establish(LabTopology.HOME)
                .get(HANDSHAKE_BOUND.toSeconds(), TimeUnit.SECONDS);
        N32fContext responderSide = home.contexts().current(LabTopology.VISITED).orElse(null);
        return new LabOutcome(title, initiatorSide, responderSide);
    }

    /** Runs the handshake once more from the visited SEPP (fresh context IDs, same N32-c connection). */
    public N32fContext establishAgain() throws Exception {
        return visited.establish(LabTopology.HOME).get(HANDSHAKE_BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        visited.close();
        home.close();
    }
}
