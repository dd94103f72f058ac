package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.n32.n32c.model.SecParamExchRspData;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.policy.PolicyMismatchAction;

/** The handshake cores back to back: outcomes, refusals, and every message against the Rel-18 schema. */
class N32cHandshakeTest {
    private static final List<SecurityCapability> PRINS_FIRST = TestSepps.PRINS_FIRST;
    private static final List<SecurityCapability> TLS_FIRST = TestSepps.TLS_FIRST;

    @TempDir
    Path dir;

    TestSepps sepps;

    @BeforeEach
    void pki() throws Exception {
        sepps = new TestSepps(dir);
    }

    private InMemoryHandshake pair(List<SecurityCapability> homePriority) throws Exception {
        return pair(sepps.visited(PRINS_FIRST), sepps.home(homePriority));
    }

    private InMemoryHandshake pair(SeppConfig visited, SeppConfig home) throws Exception {
        return new InMemoryHandshake(visited, home, InMemoryHandshake.leaf(sepps.files.get("visited").certChain()),
                InMemoryHandshake.leaf(sepps.files.get("home").certChain()));
    }

    /** An exchange-capability request from the visited SEPP offering {@code offered}. */
    private static SecNegotiateReqData offer(String sender, SecurityCapability... offered) {
        return new SecNegotiateReqData(sender, List.of(offered), null, null, null, null, null, null, null, null, null);
    }

    @Test
    void prinsHandshakeAgreesOnIdsSuitesAndKeys() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        N32fContext initiator = h.run().context();
        N32fContext responder = h.responderContexts.current("visited").orElseThrow();

        assertThat(initiator.capability()).isEqualTo(SecurityCapability.PRINS);
        assertThat(initiator.state()).isEqualTo(N32fContextState.ESTABLISHED);
        assertThat(initiator.localContextId()).isEqualTo(responder.remoteContextId());
        assertThat(initiator.remoteContextId()).isEqualTo(responder.localContextId());
        assertThat(initiator.localContextId()).isNotEqualTo(initiator.remoteContextId());
        assertThat(initiator.jweCipherSuite().orElseThrow().joseName()).isEqualTo("A256GCM");
        assertThat(responder.jwsCipherSuite()).contains("ES256");
        assertThat(initiator.sessionKeys().orElseThrow().fingerprints())
                .hasSize(8)
                .isEqualTo(responder.sessionKeys().orElseThrow().fingerprints());
        assertThat(responder.peerProtectionPolicy()).isPresent();
        assertThat(initiator.peerProtectionPolicy()).isPresent();
        // DESIGN.md: three exchange-params POSTs after exchange-capability, the third even without IPX providers.
        assertThat(h.exchanges).extracting(InMemoryHandshake.Exchange::operation)
                .containsExactly("exchange-capability", "exchange-params", "exchange-params", "exchange-params");
    }

    @Test
    void everyMessageOfThePrinsHandshakeValidatesAgainstTheRel18Schema() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        h.run();
        for (InMemoryHandshake.Exchange e : h.exchanges) {
            OpenApiConformance.assertValidRequest(e.operation(), e.request());
            OpenApiConformance.assertValidResponse(e.operation(), 200, e.response());
        }
    }

    @Test
    void ipxSecurityInformationTravelsBothWaysAndValidates() throws Exception {
        var homeIpx = List.of(new IpxProviderSecInfo("ipx.home-roaming-hub.example", List.of(TestSepps.p256PublicKey()),
                null));
        InMemoryHandshake h = pair(sepps.visited(PRINS_FIRST), TestSepps.withIpx(sepps.home(PRINS_FIRST), homeIpx));
        N32fContext initiator = h.run().context();
        assertThat(initiator.peerIpxProviderSecInfo()).isEqualTo(homeIpx);
        assertThat(h.responderContexts.current("visited").orElseThrow().peerIpxProviderSecInfo()).isEmpty();
        var last = h.exchanges.getLast();
        OpenApiConformance.assertValidRequest(last.operation(), last.request());
        OpenApiConformance.assertValidResponse(last.operation(), 200, last.response());
    }

    @Test
    void ipxKeysThatAreNotP256AreRefused() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        h.run();
        var rsa = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
        var req = new SecParamExchReqData(h.initiatorContexts.all().getFirst().localContextId().orElseThrow().value(),
                null, null, null, List.of(new IpxProviderSecInfo("ipx.example.org",
                        List.of(java.util.Base64.getEncoder().encodeToString(rsa), "%%%"), null)), null);
        assertThatThrownBy(() -> h.responder.exchangeParams(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> {
                    assertThat(r.problem().status()).isEqualTo(400);
                    assertThat(r.problem().invalidParams()).extracting(p -> p.param())
                            .containsExactly("/ipxProviderSecInfoList/0/rawPublicKeyList/0");
                });
    }

    @Test
    void contextIdsAreSixteenLowercaseHexAndFresh() throws Exception {
        InMemoryHandshake a = pair(PRINS_FIRST);
        InMemoryHandshake b = pair(PRINS_FIRST);
        N32fContextId first = a.run().context().localContextId().orElseThrow();
        N32fContextId second = b.run().context().localContextId().orElseThrow();
        assertThat(first.value()).matches("^[0-9a-f]{16}$");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void tlsSelectedEndsTheHandshakeAfterCapabilityExchange() throws Exception {
        InMemoryHandshake h = pair(TLS_FIRST);
        N32fContext initiator = h.run().context();
        assertThat(initiator.capability()).isEqualTo(SecurityCapability.TLS);
        assertThat(initiator.localContextId()).isEmpty();
        assertThat(initiator.sessionKeys()).isEmpty();
        assertThat(h.exchanges).hasSize(1);
        assertThat(h.responderContexts.current("visited").orElseThrow().capability())
                .isEqualTo(SecurityCapability.TLS);
        OpenApiConformance.assertValidResponse("exchange-capability", 200, h.exchanges.getFirst().response());
    }

    @Test
    void responderPicksByItsOwnPriorityAndSkipsUnknownValues() throws Exception {
        InMemoryHandshake h = pair(TLS_FIRST);
        var req = offer(TestSepps.VISITED_PLMN.seppFqdn(), SecurityCapability.of("QUANTUM_SAFE_X"),
                SecurityCapability.PRINS, SecurityCapability.TLS);
        assertThat(h.responder.exchangeCapability(h.atResponder, req).selectedSecCapability())
                .isEqualTo(SecurityCapability.TLS);
    }

    @Test
    void nothingInCommonIsAnsweredWithNoneAndTheInitiatorGivesUp() throws Exception {
        InMemoryHandshake h = pair(sepps.visited(List.of(SecurityCapability.PRINS)),
                sepps.home(List.of(SecurityCapability.TLS)));
        assertThatThrownBy(h::run).isInstanceOf(N32cHandshakeException.class).hasMessageContaining("NONE");
        assertThat(h.initiator.state()).isEqualTo(N32cHandshake.State.FAILED);
        OpenApiConformance.assertValidResponse("exchange-capability", 200,
                h.responder.exchangeCapability(h.atResponder,
                        offer(TestSepps.VISITED_PLMN.seppFqdn(), SecurityCapability.PRINS)));
    }

    @Test
    void noneOfferedBesideACapabilityIsRefused() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        var req = offer(TestSepps.VISITED_PLMN.seppFqdn(), SecurityCapability.NONE, SecurityCapability.PRINS);
        assertThatThrownBy(() -> h.responder.exchangeCapability(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> {
                    assertThat(r.problem().status()).isEqualTo(400);
                    assertThat(r.problem().cause()).isEqualTo(N32cCauses.MANDATORY_IE_INCORRECT);
                });
    }

    @Test
    void senderThatIsNotInThePeerCertificateIsRefused() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        var req = offer("sepp.5gc.mnc001.mcc001.3gppnetwork.org", SecurityCapability.TLS);
        assertThatThrownBy(() -> h.responder.exchangeCapability(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> {
                    assertThat(r.problem().status()).isEqualTo(403);
                    assertThat(r.problem().invalidParams()).extracting(p -> p.param()).containsExactly("/sender");
                });
    }

    @Test
    void exchangeParamsBeforePrinsWasAgreedIsRefused() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        var req = new SecParamExchReqData("0123456789abcdef", List.of("A128GCM"), List.of("ES256"), null, null, null);
        assertThatThrownBy(() -> h.responder.exchangeParams(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> assertThat(r.problem().status()).isEqualTo(403));
    }

    @Test
    void policyForAnUnknownContextIdIsContextNotFound() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        h.run();
        var req = new SecParamExchReqData("00000000000000aa", null, null,
                org.keygate.n32.policy.DefaultProtectionPolicy.get(), null, null);
        assertThatThrownBy(() -> h.responder.exchangeParams(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> {
                    assertThat(r.problem().status()).isEqualTo(404);
                    assertThat(r.problem().cause()).isEqualTo(N32cCauses.CONTEXT_NOT_FOUND);
                });
    }

    @Test
    void noCommonJweSuiteIsRefused() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        h.responder.exchangeCapability(h.atResponder, offer(TestSepps.VISITED_PLMN.seppFqdn(), SecurityCapability.PRINS));
        var req = new SecParamExchReqData("0123456789abcdef", List.of("A192GCM"), List.of("ES256"), null, null, null);
        assertThatThrownBy(() -> h.responder.exchangeParams(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> assertThat(r.problem().status()).isEqualTo(403));
    }

    @Test
    void aCipherSuiteChangedInALaterExchangeParamsAnswerEndsTheHandshake() throws Exception {
        // Issue 19 item 6: the suites are agreed in the first exchange-params (TS 33.501 13.2.2.2).
        InMemoryHandshake h = pair(PRINS_FIRST);
        N32cHandshake.Step step = h.initiator.start();
        step = h.initiator.onResponse(h.answer((N32cHandshake.Send) step)); // capability
        step = h.initiator.onResponse(h.answer((N32cHandshake.Send) step)); // cipher suites: A256GCM
        assertThat(h.initiator.state()).isEqualTo(N32cHandshake.State.PROTECTION_POLICY);
        SecParamExchRspData policyAnswer = (SecParamExchRspData) h.answer((N32cHandshake.Send) step);
        SecParamExchRspData changed = new SecParamExchRspData(policyAnswer.n32fContextId(), "A128GCM", null,
                policyAnswer.selProtectionPolicyInfo(), null, policyAnswer.sender());
        assertThatThrownBy(() -> h.initiator.onResponse(changed)).isInstanceOf(N32cHandshakeException.class)
                .hasMessageContaining("changed the cipher suite")
                .hasMessageContaining("selectedJweCipherSuite A128GCM (agreed: A256GCM)");
        assertThat(h.initiator.state()).isEqualTo(N32cHandshake.State.FAILED);
        assertThat(h.initiatorContexts.current("home")).isEmpty();
    }

    @Test
    void theAgreedCipherSuiteRepeatedInALaterAnswerIsAccepted() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        N32cHandshake.Step step = h.initiator.start();
        step = h.initiator.onResponse(h.answer((N32cHandshake.Send) step));
        step = h.initiator.onResponse(h.answer((N32cHandshake.Send) step));
        SecParamExchRspData policyAnswer = (SecParamExchRspData) h.answer((N32cHandshake.Send) step);
        step = h.initiator.onResponse(new SecParamExchRspData(policyAnswer.n32fContextId(), "A256GCM", "ES256",
                policyAnswer.selProtectionPolicyInfo(), null, policyAnswer.sender()));
        assertThat(h.initiator.state()).isEqualTo(N32cHandshake.State.IPX_SECURITY_INFO);
    }

    @Test
    void combinedExchangeParamsIsAccepted() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        h.responder.exchangeCapability(h.atResponder, offer(TestSepps.VISITED_PLMN.seppFqdn(), SecurityCapability.PRINS));
        var req = new SecParamExchReqData("0123456789abcdef", List.of("A128GCM"), List.of("ES256"),
                org.keygate.n32.policy.DefaultProtectionPolicy.get(), null, TestSepps.VISITED_PLMN.seppFqdn());
        var rsp = h.responder.exchangeParams(h.atResponder, req);
        assertThat(rsp.selectedJweCipherSuite()).isEqualTo("A128GCM");
        assertThat(rsp.selProtectionPolicyInfo()).isNotNull();
        OpenApiConformance.assertValidRequest("exchange-params", req);
        OpenApiConformance.assertValidResponse("exchange-params", 200, rsp);
        assertThat(h.responderContexts.byLocalId(N32fContextId.parse(rsp.n32fContextId())).orElseThrow()
                .peerProtectionPolicy()).isPresent();
    }

    @Test
    void policyMismatchWithErrorActionReportsAndEndsTheContext() throws Exception {
        var home = sepps.config("home", TestSepps.HOME_PLMN, sepps.homePort, PRINS_FIRST, PolicyMismatchAction.ERROR,
                Set.of("LOCATION", "SMS_CONTENT"), sepps.peer("visited", TestSepps.VISITED_PLMN, sepps.visitedPort));
        InMemoryHandshake h = pair(sepps.visited(PRINS_FIRST), home);
        // The responder ends the context after the policy exchange, so the third exchange-params finds none.
        assertThatThrownBy(h::run).isInstanceOfSatisfying(N32cRejection.class,
                r -> assertThat(r.problem().cause()).isEqualTo(N32cCauses.CONTEXT_NOT_FOUND));
        String initiatorId = ((SecParamExchReqData) h.exchanges.get(1).request()).n32fContextId();
        assertThat(h.responderContexts.all()).isEmpty();
        assertThat(h.errorsSentByResponder).singleElement().satisfies(e -> {
            assertThat(e.n32fErrorType()).isEqualTo("POLICY_MISMATCH");
            assertThat(e.n32fContextId()).isEqualTo(initiatorId);
            assertThat(e.policyMismatchList()).extracting(p -> p.reason()).anyMatch(r -> r.contains("SMS_CONTENT"));
            OpenApiConformance.assertValidRequest("n32f-error", e);
        });
    }

    @Test
    void policyMismatchWithWarnActionKeepsTheContext() throws Exception {
        var home = sepps.config("home", TestSepps.HOME_PLMN, sepps.homePort, PRINS_FIRST, PolicyMismatchAction.WARN,
                Set.of("SMS_CONTENT"), sepps.peer("visited", TestSepps.VISITED_PLMN, sepps.visitedPort));
        InMemoryHandshake h = pair(sepps.visited(PRINS_FIRST), home);
        h.run();
        assertThat(h.responderContexts.all()).hasSize(1);
        assertThat(h.errorsSentByResponder).isEmpty();
    }

    @Test
    void anErrorAboutOneMessageEndsNoContextAPolicyMismatchOfTheContextDoes() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        N32fContext initiator = h.run().context();
        String responderId = initiator.remoteContextId().orElseThrow().value();
        // An edge check refused one message (TS 33.501 5.9.3.2): reported as POLICY_MISMATCH, without a list.
        var perMessage = new N32fErrorInfo("0", "POLICY_MISMATCH", responderId, null, null, null);
        OpenApiConformance.assertValidRequest("n32f-error", perMessage);
        h.responder.error(h.atResponder, perMessage);
        assertThat(h.responderContexts.all()).hasSize(1);
        // The protection policy comparison (13.2.3.6) names what differs: that ends the context.
        h.responder.error(h.atResponder, new N32fErrorInfo("0", "POLICY_MISMATCH", responderId, null, null,
                List.of(new org.keygate.sbi.http.InvalidParam("/dataTypeEncPolicy", "differs"))));
        assertThat(h.responderContexts.all()).isEmpty();
    }

    @Test
    void terminateByEitherIdEndsTheContextAndAnswersWithTheOther() throws Exception {
        InMemoryHandshake h = pair(PRINS_FIRST);
        N32fContext initiator = h.run().context();
        var req = new N32fContextInfo(initiator.remoteContextId().orElseThrow().value());
        N32fContextInfo rsp = h.responder.terminate(h.atResponder, req);
        assertThat(rsp.n32fContextId()).isEqualTo(initiator.localContextId().orElseThrow().value());
        assertThat(h.responderContexts.all()).isEmpty();
        OpenApiConformance.assertValidRequest("n32f-terminate", req);
        OpenApiConformance.assertValidResponse("n32f-terminate", 200, rsp);
        assertThatThrownBy(() -> h.responder.terminate(h.atResponder, req))
                .isInstanceOfSatisfying(N32cRejection.class, r -> assertThat(r.problem().status()).isEqualTo(404));
    }

    @Test
    void theValidatorAcceptsUnknownEnumValuesButNotUnknownMembersOrBadIds() {
        // Every 3GPP enumeration is extensible (anyOf enum | string).
        assertThat(OpenApiConformance.validateRequestJson("exchange-capability",
                "{\"sender\":\"sepp.example.org\",\"supportedSecCapabilityList\":[\"FUTURE\"]}")
                .getMessages()).isEmpty();
        // The validator is stricter than the schema about unknown members, so keygate's own messages are shown to
        // carry none; keygate itself accepts them from peers (N32cServerBadInputTest).
        assertThat(OpenApiConformance.validateRequestJson("exchange-capability",
                "{\"sender\":\"sepp.example.org\",\"supportedSecCapabilityList\":[\"TLS\"],\"x\":1}")
                .getMessages()).isNotEmpty();
        assertThat(OpenApiConformance.validateRequestJson("exchange-params", "{\"n32fContextId\":\"xyz\"}")
                .getMessages()).isNotEmpty();
    }
}
