package org.keygate.sepp.cluster;

import java.util.Objects;

/**
 * One entry of the context directory in etcd ({@code contexts/<ID>}): who owns the N32-f context, with whom, by which
 * mechanism, until when. Never a key, salt or counter: those stay in the owner's memory (docs/CLUSTER.md).
 *
 * @param owner the instance that ran the N32-c handshake and alone encrypts and decrypts on the context.
 * @param expiresAt ISO-8601 instant.
 */
record ContextRecord(String owner, String partner, String mechanism, String expiresAt) {
    ContextRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(partner, "partner");
    }
}
