package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A context ID the watch has not brought yet is asked of etcd, one key (ClusterFailoverTest's resend on a fresh
 * context, refused with CONTEXT_NOT_FOUND by an instance whose copy lagged, found by a CI run). The copy itself stays
 * the watch's.
 */
class ClusterViewFetchTest {
    private final ClusterKeys keys = ClusterKeys.of("sepp.5gc.mnc001.mcc001.3gppnetwork.org");
    private final ClusterView view = new ClusterView(keys);
    private final List<String> asked = new ArrayList<>();

    @Test
    void aRecordEtcdHasIsFoundAndTheCopyLeftToTheWatch() {
        String id = "3f82f653088b5aae";
        String value = "{\"owner\":\"b\",\"partner\":\"visited\",\"mechanism\":\"PRINS\","
                + "\"expiresAt\":\"2026-12-04T01:41:29Z\"}";
        Map<String, String> etcd = Map.of(keys.context(id), value);
        assertThat(view.context(id)).isEmpty();

        Optional<ContextRecord> found = view.fetchContext(id, key -> {
            asked.add(key);
            return CompletableFuture.completedFuture(Optional.ofNullable(etcd.get(key)));
        }).join();

        assertThat(asked).containsExactly(keys.context(id));
        assertThat(found).contains(new ContextRecord("b", "visited", "PRINS", "2026-12-04T01:41:29Z"));
        assertThat(view.context(id)).isEmpty();
    }

    @Test
    void anEntryThatDoesNotParseCountsAsNone() {
        Optional<ContextRecord> found = view.fetchContext("0011223344556677",
                key -> CompletableFuture.completedFuture(Optional.of("{\"partner\":\"visited\"}"))).join();
        assertThat(found).isEmpty();
    }

    @Test
    void anIdEtcdDoesNotHaveStaysUnknown() {
        Optional<ContextRecord> found = view.fetchContext("0011223344556677",
                key -> CompletableFuture.completedFuture(Optional.empty())).join();
        assertThat(found).isEmpty();
        assertThat(view.contextCount()).isZero();
    }
}
