package org.keygate.sepp.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.crypto.n32.N32KdfLabel;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.n32f.forward.N32fWireTap;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Every (key fingerprint, nonce) pair seen on the visited SEPP's N32-f: the requests it sends, the answers it gets
 * and the requests it receives, i.e. everything the home instances encrypt towards it and what it encrypts. The
 * key is named by the SHA-256 fingerprint of the label's key in the visited SEPP's copy of the context (both SEPPs
 * derive the same eight values), chosen by the context's role and the message's direction (TS 33.501 13.2.4.4.1);
 * the nonce is the JWE iv. A pair seen twice is a reuse.
 */
final class NonceLedger implements N32fWireTap {
    private final N32fContextRegistry visited;
    private final Map<String, List<String>> uses = new ConcurrentHashMap<>();
    private final List<String> unresolved = java.util.Collections.synchronizedList(new ArrayList<>());

    NonceLedger(N32fContextRegistry visited) {
        this.visited = visited;
    }

    @Override
    public void sent(PeerSepp peer, N32fReformattedReqMsg request) {
        // Carries the receiver's (home's) context ID: the visited SEPP's context with that remote ID.
        record(request.reformattedData(), "request from visited", id -> visited.forPeer(peer.name()).stream()
                .filter(c -> c.remoteContextId().map(r -> r.value().equals(id)).orElse(false)).findFirst(),
                role -> role == N32Role.INITIATOR ? N32KdfLabel.PARALLEL_REQUEST_KEY : N32KdfLabel.REVERSE_REQUEST_KEY);
    }

    @Override
    public void answered(PeerSepp peer, N32fReformattedRspMsg response) {
        record(response.reformattedData(), "answer from home", this::byLocal,
                role -> role == N32Role.INITIATOR ? N32KdfLabel.PARALLEL_RESPONSE_KEY : N32KdfLabel.REVERSE_RESPONSE_KEY);
    }

    @Override
    public void received(PeerSepp peer, N32fReformattedReqMsg request) {
        record(request.reformattedData(), "request from home", this::byLocal,
                role -> role == N32Role.INITIATOR ? N32KdfLabel.REVERSE_REQUEST_KEY : N32KdfLabel.PARALLEL_REQUEST_KEY);
    }

    private Optional<N32fContext> byLocal(String id) {
        return visited.byLocalId(org.keygate.crypto.n32.N32fContextId.parse(id));
    }

    private void record(FlatJweJson jwe, String what, java.util.function.Function<String, Optional<N32fContext>> find,
            java.util.function.Function<N32Role, N32KdfLabel> label) {
        JsonNode aad = SbiJson.read(Base64.getUrlDecoder().decode(jwe.aad()), JsonNode.class);
        String id = aad.path("metaData").path("n32fContextId").asText();
        Optional<N32fContext> context = find.apply(id);
        if (context.isEmpty()) {
            unresolved.add(what + " on " + id);
            return;
        }
        String key = context.get().sessionKeys().orElseThrow().fingerprints().get(label.apply(context.get().role()));
        uses.computeIfAbsent(key + "|" + jwe.iv(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(what + " on " + id);
    }

    int pairs() {
        return uses.size();
    }

    /** Pairs used more than once, with where. */
    Map<String, List<String>> reused() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        uses.forEach((k, v) -> {
            if (v.size() > 1) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }

    List<String> unresolved() {
        return List.copyOf(unresolved);
    }
}
