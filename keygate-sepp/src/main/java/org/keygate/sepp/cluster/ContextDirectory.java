package org.keygate.sepp.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.context.ContextAdmission;
import org.keygate.sepp.context.ContextRefusedException;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's N32-f contexts to the directory in etcd when they are made (on the instance's lease) and
 * removes them when they end. As the registry's {@link ContextAdmission}, it refuses a new context when etcd cannot
 * take the entry: the partner's messages on a context no other instance can find would be lost at every instance
 * but this one. The refusal is immediate while etcd is known to be out of reach (no handshake waits for it).
 *
 * <p>TLS-mode contexts have no ID and no keys at the SEPP; they are published as agreements every instance honours
 * ({@link TlsAgreements}), and refused like the others when etcd cannot take them.
 */
final class ContextDirectory implements ContextAdmission {
    private static final Logger log = LoggerFactory.getLogger(ContextDirectory.class);
    private final EtcdSession etcd;
    private final ClusterKeys keys;
    private final ClusterView view;
    private final EtcdHealth health;
    private final String instance;
    private final TlsAgreements tls;
    private final java.time.Clock clock;

    ContextDirectory(EtcdSession etcd, ClusterKeys keys, ClusterView view, EtcdHealth health, String instance,
            TlsAgreements tls, java.time.Clock clock) {
        this.etcd = etcd;
        this.keys = keys;
        this.view = view;
        this.health = health;
        this.instance = instance;
        this.tls = tls;
        this.clock = clock;
    }

    @Override
    public void admit(N32fContext context) {
        if (!health.ok()) {
            throw new ContextRefusedException("the cluster's etcd is out of reach (" + health.lastError()
                    + "); established contexts keep working", null);
        }
        try {
            if (context.capability() == SecurityCapability.TLS) {
                tls.publish(context, clock.instant());
            } else if (context.localContextId().isPresent()) {
                write(context);
            }
        } catch (EtcdUnavailableException e) {
            health.failed(e.getMessage());
            throw new ContextRefusedException("the context directory in etcd cannot take it: " + e.getMessage(), e);
        }
    }

    /** Removes the entry of a context that ended; if etcd is out of reach, the entry goes with the lease. */
    void ended(N32fContext context) {
        if (context.capability() == SecurityCapability.TLS) {
            tls.ended(context);
            return;
        }
        context.localContextId().ifPresent(id -> etcd.deleteAsync(keys.context(id.value())).exceptionally(e -> {
            log.debug("cluster: removing context {} from the directory failed: {}", id, e.toString());
            return null;
        }));
    }

    /** Writes every live context again: after a new lease, the old one's entries are gone. */
    void republish(List<N32fContext> live) throws EtcdUnavailableException {
        for (N32fContext c : live) {
            if (c.localContextId().isPresent()) {
                write(c);
            }
        }
        tls.republish(live, clock.instant());
    }

    private void write(N32fContext context) throws EtcdUnavailableException {
        String id = context.localContextId().orElseThrow().value();
        ContextRecord record = new ContextRecord(instance, context.peer().name(), context.capability().toString(),
                context.expiresAt().toString());
        etcd.put(keys.context(id), new String(SbiJson.write(record), StandardCharsets.UTF_8));
        view.putContext(id, record);
    }
}
