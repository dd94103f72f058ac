package org.keygate.sepp.cluster;

import java.util.Optional;

/**
 * The etcd key layout of one SEPP's cluster, under {@code /keygate/<SEPP FQDN>/} (instances share the FQDN, another
 * SEPP on the same etcd has another): {@code members/<instance>}, {@code contexts/<N32-f context ID>} and
 * {@code budgets/<partner>/...}, {@code tls-agreements/<partner>/<instance>/<agreement>} (docs/CLUSTER.md).
 */
record ClusterKeys(String root) {
    static ClusterKeys of(String seppFqdn) {
        return new ClusterKeys("/keygate/" + seppFqdn + "/");
    }

    String member(String instance) {
        return root + "members/" + instance;
    }

    String context(String contextId) {
        return root + "contexts/" + contextId;
    }

    String budget(String peer, String instance) {
        return root + "budgets/" + peer + "/" + instance;
    }

    /** A TLS-mode agreement {@code instance} made with {@code partner} ({@code agreement}: unique at the instance). */
    String tlsAgreement(String partner, String instance, String agreement) {
        return tlsAgreements(partner) + instance + "/" + agreement;
    }

    /** Every instance's TLS-mode agreements with {@code partner}. */
    String tlsAgreements(String partner) {
        return root + "tls-agreements/" + partner + "/";
    }

    /** Whether {@code key} is a TLS-mode agreement's. */
    boolean isTlsAgreement(String key) {
        return key.startsWith(root + "tls-agreements/");
    }

    /** Partner and instance a budget key names, if {@code key} is one. */
    Optional<String[]> budgetOf(String key) {
        return suffix(key, root + "budgets/").map(s -> s.split("/", 2)).filter(p -> p.length == 2);
    }

    /** The instance a member key names, if {@code key} is one. */
    Optional<String> instanceOf(String key) {
        return suffix(key, root + "members/");
    }

    /** The context ID a directory key names, if {@code key} is one. */
    Optional<String> contextOf(String key) {
        return suffix(key, root + "contexts/");
    }

    private static Optional<String> suffix(String key, String prefix) {
        return key.startsWith(prefix) && key.length() > prefix.length()
                ? Optional.of(key.substring(prefix.length())) : Optional.empty();
    }
}
