package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.http.OriginatingNetworkId;

class EdgeMetricsTest {
    @Test
    void countsPassesAndViolationsByTag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EdgeMetrics metrics = new EdgeMetrics(registry);
        PlmnId visited = PlmnId.parse("999-99");
        SbiRequest ok = new SbiRequest("GET", "/x/v1/y", SbiHeaders.of(OriginatingNetworkId.HEADER, "999-99"),
                new byte[0]);
        SbiRequest spoofed = new SbiRequest("GET", "/x/v1/y", SbiHeaders.of(OriginatingNetworkId.HEADER, "001-01"),
                new byte[0]);
        EdgeCheckResult<OriginatingNetworkId> r = metrics.record("visited", "originating_network_id",
                OriginatingNetworkIdCheck.check(ok, List.of(visited)));
        assertThat(r.passed()).isTrue();
        metrics.record("visited", "originating_network_id", OriginatingNetworkIdCheck.check(spoofed, List.of(visited)));
        metrics.record("visited", "originating_network_id", OriginatingNetworkIdCheck.check(spoofed, List.of(visited)));
        assertThat(registry.get(EdgeMetrics.CHECKS_TOTAL).tag("outcome", "pass").counter().count()).isEqualTo(1);
        assertThat(registry.get(EdgeMetrics.CHECKS_TOTAL).tag("outcome", "originating_network_id_mismatch")
                .tag("peer", "visited").counter().count()).isEqualTo(2);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
                .doesNotContain("001-01"));
    }
}
