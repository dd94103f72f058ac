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

/**
 * One lab run: a home and a visited SEPP on loopback, the visited one initiating the N32-c handshake, the home
 * one's capability priority deciding the outcome (TS 33.501 13.5 step 2).
 */
final class LabScenario implements AutoCloseable {
    /** Bound on the whole handshake, retries included; loopback needs milliseconds. */
    static final Duration HANDSHAKE_BOUND = Duration.ofSeconds(60);

    final String title;
    final SeppNode home;
    final SeppNode visited;

    private LabScenario(String title, SeppNode home, SeppNode visited) {
        this.title = title;
        this.home = home;
        this.visited = visited;
    }

    /** Writes both configurations, starts both SEPPs. The home SEPP prefers {@code homePriority}. */
    static LabScenario start(String title, Path labDir, LabTopology topology, int index, List<String> homePriority)
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
    LabOutcome run() throws Exception {
        N32fContext initiatorSide = visited.establish(LabTopology.HOME)
                .get(HANDSHAKE_BOUND.toSeconds(), TimeUnit.SECONDS);
        N32fContext responderSide = home.contexts().current(LabTopology.VISITED).orElse(null);
        return new LabOutcome(title, initiatorSide, responderSide);
    }

    @Override
    public void close() {
        visited.close();
        home.close();
    }
}
