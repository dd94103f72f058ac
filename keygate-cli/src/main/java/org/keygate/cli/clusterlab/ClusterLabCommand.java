package org.keygate.cli.clusterlab;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate cluster-lab}: the home SEPP as a cluster on loopback (docs/CLUSTER.md). Generates the lab PKI, starts
 * etcd, the home UDM and AUSF, N home-SEPP instances of one identity (each {@code keygate sepp} in a JVM of its own),
 * HAProxy in TCP mode in front of their N32-c and N32-f listeners (and a frontend per instance, the N32-f address it
 * announces), and a visited SEPP whose NF asks for 5G HE AVs; then checks that traffic flows straight to each context's
 * owner, kills the owner of the visited SEPP's context with
 * SIGKILL under load, checks that etcd drops it within the lease TTL and that traffic resumes, restarts it and checks
 * that it rejoins. Exits 0 only if every check held. Needs the Debian packages etcd-server and haproxy.
 */
@Command(name = "cluster-lab", mixinStandardHelpOptions = true,
        description = "Run the home SEPP as a cluster on loopback: etcd, N instances behind HAProxy, a visited SEPP, "
                + "a kill -9 and recovery.")
public final class ClusterLabCommand implements Callable<Integer> {
    @Option(names = "--instances", defaultValue = "3", description = "Home-SEPP instances, 2..5 (default ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--lease-ttl", defaultValue = "3", description = "cluster.leaseTtl in seconds, 2..30 (default ${DEFAULT-VALUE}).")
    int leaseTtl;

    @Option(names = "--dir", description = "Directory for the PKI, configurations and logs (default: a new temporary one).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Show the visited SEPP's INFO logs.")
    boolean verbose;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (instances < 2 || instances > 5) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--instances: " + instances + " (expected: 2..5)");
        }
        if (leaseTtl < 2 || leaseTtl > 30) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--lease-ttl: " + leaseTtl + " (expected: 2..30)");
        }
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(Level.WARN);
        }
        Path labDir = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("keygate-cluster-lab-");
        out.println("keygate cluster-lab: " + instances + " home-SEPP instances behind HAProxy, etcd, lease TTL "
                + leaseTtl + " s; files and logs in " + labDir);
        boolean ok;
        try (ClusterLabNetwork net = ClusterLabNetwork.start(labDir, instances, leaseTtl, out)) {
            ok = new ClusterLabSteps(net, out).run();
        }
        out.println();
        out.println(ok ? "keygate cluster-lab: OK, every step behaved" : "keygate cluster-lab: FAILED, see the steps above");
        return ok ? 0 : 1;
    }
}
