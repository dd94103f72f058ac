package org.keygate.sepp.cluster;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the live instances serve the same partners (docs/CLUSTER.md, "The partner list"): each publishes its
 * {@link PartnerList} in its member record, and each checks the others' at every maintenance round. A disagreement is
 * logged once at WARN when it starts (naming each instance's partners) and once at INFO when it ends, and counted in
 * {@code keygate_cluster_partner_lists} (distinct lists among the live instances: 1 when they agree).
 *
 * <p>Warned about, not refused: a configuration is rolled out by reloading the instances one after the other
 * (SIGHUP, issue 18), so during every rollout they disagree for a moment; refusing to serve then would turn each
 * change of a partner into an outage. An alert on the metric staying above 1 catches a rollout that did not finish.
 */
final class PartnerAgreement {
    private static final Logger log = LoggerFactory.getLogger(PartnerAgreement.class);
    private volatile int distinct = 1;
    private Map<String, PartnerList> lastDisagreement;

    /** Checks the lists of the live instances, by instance (instances of a version without one are left out). */
    synchronized void check(Map<String, PartnerList> byInstance) {
        Map<String, PartnerList> lists = new TreeMap<>(byInstance);
        int now = (int) lists.values().stream().map(PartnerList::digest).distinct().count();
        distinct = Math.max(1, now);
        if (now > 1) {
            if (!lists.equals(lastDisagreement)) {
                StringBuilder who = new StringBuilder();
                lists.forEach((i, l) -> who.append(who.isEmpty() ? "" : "; ").append(i).append(": ").append(l.names())
                        .append(" (").append(l.digest()).append(')'));
                log.warn("cluster: the instances serve different partner lists ({}); a partner missing or configured "
                        + "otherwise at one instance is refused or treated otherwise there. Give every instance the "
                        + "same peers and reload it (docs/CLUSTER.md)", who);
                lastDisagreement = lists;
            }
        } else if (lastDisagreement != null) {
            log.info("cluster: the instances serve the same partner list again ({})",
                    lists.values().stream().findFirst().map(PartnerList::names).orElse(java.util.List.of()));
            lastDisagreement = null;
        }
    }

    /** Distinct partner lists among the live instances at the last check; 1 when they agree. */
    int distinct() {
        return distinct;
    }
}
