package org.keygate.sepp.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.http.OriginatingNetworkId;

/**
 * {@code 3gpp-Sbi-Originating-Network-Id} at both SEPPs (TS 33.501 5.9.3.2, TS 29.500 6.1.x):
 *
 * <ul>
 *   <li>{@link #insert}: the sending SEPP compares the NF's value, if any, with its own PLMN IDs (an NF of this PLMN
 *       cannot speak for another network) and sets the header to its PLMN and {@code src: SEPP-<its FQDN>};
 *   <li>{@link #check}: the receiving SEPP requires exactly one header naming a PLMN of the peer the N32-f context
 *       was made with, "else the receiving SEPP shall discard the received signalling message".
 * </ul>
 *
 * Pure and thread-safe.
 */
public final class OriginatingNetworkIdCheck {
    private final Set<PlmnId> ownPlmns;
    private final String ownSeppFqdn;

    public OriginatingNetworkIdCheck(Collection<PlmnId> ownPlmns, String ownSeppFqdn) {
        this.ownPlmns = Set.copyOf(ownPlmns);
        if (this.ownPlmns.isEmpty()) {
            throw new IllegalArgumentException("ownPlmns: [] (expected: this SEPP's PLMN IDs)");
        }
        this.ownSeppFqdn = java.util.Objects.requireNonNull(ownSeppFqdn, "ownSeppFqdn");
    }

    /** Sending side: the NF's request with the header set to {@code asPlmn} (one of the own PLMN IDs). */
    public EdgeCheckResult<SbiRequest> insert(SbiRequest nfRequest, PlmnId asPlmn) {
        if (!ownPlmns.contains(asPlmn)) {
            throw new IllegalArgumentException("asPlmn: " + asPlmn + " (expected one of " + ownPlmns + ")");
        }
        List<String> values = nfRequest.headers().all(OriginatingNetworkId.HEADER);
        if (values.size() > 1) {
            return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED, "the header appears twice");
        }
        if (values.size() == 1) {
            Optional<OriginatingNetworkId> given = OriginatingNetworkId.parse(values.getFirst());
            if (given.isEmpty()) {
                return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED,
                        "3gpp-Sbi-Originating-Network-Id does not follow TS 29.500");
            }
            if (!ownPlmns.contains(given.get().plmn())) {
                return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MISMATCH,
                        "3gpp-Sbi-Originating-Network-Id names a network other than this SEPP's");
            }
        }
        List<Map.Entry<String, String>> h = new ArrayList<>();
        for (Map.Entry<String, String> e : nfRequest.headers().entries()) {
            if (!e.getKey().equals(OriginatingNetworkId.HEADER)) {
                h.add(e);
            }
        }
        h.add(Map.entry(OriginatingNetworkId.HEADER, OriginatingNetworkId.fromSepp(asPlmn, ownSeppFqdn).format()));
        return new EdgeCheckResult.Pass<>(new SbiRequest(nfRequest.method(), nfRequest.path(), new SbiHeaders(h),
                nfRequest.body()));
    }

    /** Receiving side: the header must be present once and name one of {@code peerPlmns}. */
    public static EdgeCheckResult<OriginatingNetworkId> check(SbiRequest request, Collection<PlmnId> peerPlmns) {
        List<String> values = request.headers().all(OriginatingNetworkId.HEADER);
        if (values.isEmpty()) {
            return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MISSING,
                    "3gpp-Sbi-Originating-Network-Id is missing");
        }
        if (values.size() > 1) {
            return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED, "the header appears twice");
        }
        Optional<OriginatingNetworkId> id = OriginatingNetworkId.parse(values.getFirst());
        if (id.isEmpty()) {
            return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED,
                    "3gpp-Sbi-Originating-Network-Id does not follow TS 29.500");
        }
        if (!peerPlmns.contains(id.get().plmn())) {
            return EdgeCheckResult.fail(EdgeViolation.ORIGINATING_NETWORK_ID_MISMATCH,
                    "3gpp-Sbi-Originating-Network-Id is not a PLMN of the sending SEPP");
        }
        return new EdgeCheckResult.Pass<>(id.get());
    }
}
