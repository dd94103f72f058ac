package org.keygate.cli.clusterlab;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.keygate.cli.lab.SeppYaml;
import org.keygate.cli.lab.SeppYaml.HomeNf;
import org.keygate.tls.plmn.PlmnId;

/**
 * The cluster lab's configuration files (reference: docs/CONFIGURATION.md, docs/CLUSTER.md): one per home instance,
 * the same identity and partner with a {@code cluster} member of its own, and the visited SEPP's, whose partner
 * {@code home} is HAProxy's N32-c and N32-f frontends.
 */
final class ClusterLabFiles {
    static final PlmnId HOME_PLMN = PlmnId.parse("001-01");
    static final PlmnId VISITED_PLMN = PlmnId.parse("999-99");
    static final String UDM_AUTHORITY = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    static final String AUSF_AUTHORITY = "ausf.5gc.mnc001.mcc001.3gppnetwork.org";
    static final String WRITTEN_BY = "`keygate cluster-lab`";

    private ClusterLabFiles() {}

    /**
     * Ports of one home instance: N32-c, N32-f, admin, the internal relay listener, and its own HAProxy frontend (the
     * N32-f address it announces, {@code cluster.n32f}).
     */
    record InstancePorts(int n32c, int n32f, int admin, int internal, int ownN32f) {}

    static Path home(Path dir, String instance, InstancePorts p, int udm, int ausf, int visitedN32c,
            int visitedN32f, URI etcd, int leaseTtlSeconds) throws IOException {
        return write(dir, "home-" + instance + ".yaml", SeppYaml.common(WRITTEN_BY, "home", HOME_PLMN, p.n32c(),
                p.n32f(), OptionalInt.of(p.admin()), "PRINS")
                + SeppYaml.homeNfs(new HomeNf(UDM_AUTHORITY, "127.0.0.1:" + udm),
                        new HomeNf(AUSF_AUTHORITY, "127.0.0.1:" + ausf))
                + SeppYaml.onePeer("visited", VISITED_PLMN, visitedN32c, visitedN32f, List.of())
                + SeppYaml.cluster(etcd, instance, p.internal(), HOME_PLMN.seppFqdn(), p.ownN32f())
                + "  leaseTtl: " + leaseTtlSeconds + "s\n  etcdTimeout: 1s\n");
    }

    static Path visited(Path dir, int n32c, int n32f, int sbi, int homeN32cFront, int homeN32fFront)
            throws IOException {
        return write(dir, "visited.yaml", SeppYaml.common(WRITTEN_BY, "visited", VISITED_PLMN, n32c, n32f,
                OptionalInt.empty(), "PRINS") + SeppYaml.ownNfListener(sbi)
                + SeppYaml.onePeer("home", HOME_PLMN, homeN32cFront, homeN32fFront, SeppYaml.HOME_APIS));
    }

    private static Path write(Path dir, String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "# HAProxy in front of the home instances: haproxy.cfg beside this file\n" + yaml);
        return f;
    }
}
