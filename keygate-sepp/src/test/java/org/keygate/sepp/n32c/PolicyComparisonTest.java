package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.sepp.node.SeppNode;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.n32.policy.PolicyMismatchAction;

/**
 * TS 33.501 13.2.3.6 between two SEPPs on loopback: the home SEPP compares both parts of the visited SEPP's policy
 * with the one configured for it; any difference is a mismatch, handled as the operator chose.
 */
class PolicyComparisonTest {
    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    /** The default policy, plus: any RI may modify servingNetworkName in generate-auth-data requests. */
    private static ProtectionPolicy withModifiableServingNetworkName() {
        ProtectionPolicy d = DefaultProtectionPolicy.get();
        List<ApiIeMapping> apis = new ArrayList<>(d.apiIeMappingList());
        apis.add(new ApiIeMapping(TextNode.valueOf("/{supiOrSuci}/security-information/generate-auth-data"), "POST",
                List.of(new IeInfo("BODY", "NONSENSITIVE", "/servingNetworkName", null, true, Map.of()))));
        return new ProtectionPolicy(apis, d.dataTypeEncPolicy());
    }

    private static ProtectionPolicy withoutUeid() {
        ProtectionPolicy d = DefaultProtectionPolicy.get();
        return new ProtectionPolicy(d.apiIeMappingList(),
                d.dataTypeEncPolicy().stream().filter(t -> !t.equals("UEID")).toList());
    }

    private static SeppConfig with(SeppConfig c, PolicyMismatchAction action) {
        N32cSettings n = c.n32c();
        return TestSepps.withN32c(c, new N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), n.protectionPolicy(), n.ipxProviders(), n.requiredPeerEncryption(), action,
                n.contextLifetime(), n.n32fFqdn(), n.n32fPort()));
    }

    /** Starts both with {@code action} on a mismatch; visited sends {@code visitedPolicy}; returns the contexts that failed at the visited SEPP. */
    private List<N32fContext> handshake(PolicyMismatchAction action, ProtectionPolicy visitedPolicy)
            throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(with(sepps.home(TestSepps.PRINS_FIRST), action), Clock.systemUTC());
        visited = SeppNode.start(with(TestSepps.withPolicy(sepps.visited(TestSepps.PRINS_FIRST), visitedPolicy),
                action), Clock.systemUTC());
        List<N32fContext> failed = new CopyOnWriteArrayList<>();
        visited.contexts().onContextEnd(c -> {
            if (c.state() == N32fContextState.FAILED) {
                failed.add(c);
            }
        });
        // The handshake may finish or fail, depending on whether the report overtakes the last answer.
        visited.establish("home").handle((c, e) -> c).get(30, TimeUnit.SECONDS);
        return failed;
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        for (int i = 0; i < 300 && list.size() < size; i++) {
            Thread.sleep(100);
        }
        assertThat(list).hasSize(size);
    }

    @Test
    void aDifferentModificationPolicyIsAMismatchReportedToThePeer() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            List<N32fContext> failed = handshake(PolicyMismatchAction.ERROR, withModifiableServingNetworkName());
            awaitSize(failed, 1);
            assertThat(home.contexts().all()).isEmpty();
            assertThat(logs.keygateMessages()).anyMatch(m -> m.contains("differs from the one configured")
                    && m.contains("modification policy for any other RI")
                    && m.contains("/payload/*/value/servingNetworkName"));
        }
    }

    @Test
    void aDataTypePolicyWithoutUeidIsAMismatch() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            List<N32fContext> failed = handshake(PolicyMismatchAction.ERROR, withoutUeid());
            awaitSize(failed, 1);
            assertThat(home.contexts().all()).isEmpty();
            assertThat(logs.keygateMessages()).anyMatch(m -> m.contains(
                    "data type UEID is encrypted by the configured policy, not by the received one"));
        }
    }

    @Test
    void withWarnTheDifferenceIsLoggedAndTheContextKept() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            List<N32fContext> failed = handshake(PolicyMismatchAction.WARN, withoutUeid());
            assertThat(home.contexts().current("visited")).hasValueSatisfying(
                    c -> assertThat(c.state()).isEqualTo(N32fContextState.ESTABLISHED));
            assertThat(failed).isEmpty();
            assertThat(logs.keygateMessages()).anyMatch(m -> m.contains("kept by operator policy (warn)")
                    && m.contains("UEID"));
        }
    }

    @Test
    void theSamePolicyOnBothSidesIsNoMismatch() throws Exception {
        List<N32fContext> failed = handshake(PolicyMismatchAction.ERROR, DefaultProtectionPolicy.get());
        assertThat(failed).isEmpty();
        assertThat(visited.contexts().current("home")).hasValueSatisfying(
                c -> assertThat(c.state()).isEqualTo(N32fContextState.ESTABLISHED));
    }
}
