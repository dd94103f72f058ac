package org.keygate.sepp.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One TLS-mode agreement in etcd ({@code tls-agreements/<partner>/<instance>/<agreement>}): what any instance needs to
 * accept the partner's N32-f in TLS mode as the maker would (TS 33.501 13.1.2: the N32-f certificate's PLMN IDs must
 * be among the N32-c certificate's). Nothing secret: a TLS-mode agreement has no key at the SEPP.
 *
 * @param owner the instance that ran the N32-c handshake
 * @param role the owner's role in it ({@code INITIATOR}, {@code RESPONDER})
 * @param n32cPlmnIds the PLMN IDs of the partner's N32-c certificate ({@code MCC-MNC})
 * @param createdAt ISO-8601 instant
 * @param expiresAt ISO-8601 instant; etcd deletes the entry then (its lease)
 */
record TlsAgreementRecord(String owner, String partner, String mechanism, String role, List<String> n32cPlmnIds,
        String createdAt, String expiresAt) {
    TlsAgreementRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(role, "role");
        n32cPlmnIds = List.copyOf(n32cPlmnIds);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
