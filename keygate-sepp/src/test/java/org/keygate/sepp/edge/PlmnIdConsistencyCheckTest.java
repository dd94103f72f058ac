package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.fail;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.pass;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.tls.plmn.PlmnId;

class PlmnIdConsistencyCheckTest {
    private static final PlmnId VISITED = PlmnId.parse("999-99");
    private static final List<PlmnId> PEER = List.of(VISITED);
    private final PlmnIdConsistencyCheck check = new PlmnIdConsistencyCheck(PlmnIdCheckSettings.defaults());

    @Test
    void servingNetworkNameOfThePeerPasses() {
        pass(check.check(json("{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
                + "\"ausfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\"}"), PEER));
        pass(check.check(json("{\"servingNetworkName\":\"5G:NSWO\"}"), PEER));
        pass(check.check(json("{\"other\":{\"plmnId\":{\"mcc\":\"001\",\"mnc\":\"01\"}}}"), PEER));
    }

    @Test
    void aForeignPlmnAnywhereInTheBodyFails() {
        assertThat(fail(check.check(json("{\"servingNetworkName\":\"5G:mnc001.mcc001.3gppnetwork.org\"}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        assertThat(fail(check.check(json("[{\"a\":[{\"servingNetworkName\":\"5G:mnc070.mcc999.3gppnetwork.org\"}]}]"),
                PEER))).isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        assertThat(fail(check.check(json("{\"servingNetworkName\":\"5G:garbage\"}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        assertThat(fail(check.check(json("{\"x\":{\"vplmnId\":{\"mcc\":\"001\",\"mnc\":\"01\"}}}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        assertThat(fail(check.check(json("{\"vplmnId\":{\"mcc\":\"1\"}}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        pass(check.check(json("{\"vplmnId\":{\"mcc\":\"999\",\"mnc\":\"99\"}}"), PEER));
    }

    @Test
    void configuredMembersAreTheOnesLookedAt() {
        PlmnIdConsistencyCheck c = new PlmnIdConsistencyCheck(PlmnIdCheckSettings.builder()
                .servingNetworkNameMembers(Set.of("snn")).plmnIdMembers(Set.of("plmnId")).build());
        pass(c.check(json("{\"servingNetworkName\":\"5G:mnc001.mcc001.3gppnetwork.org\"}"), PEER));
        assertThat(fail(c.check(json("{\"snn\":\"5G:mnc001.mcc001.3gppnetwork.org\"}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        assertThat(fail(c.check(json("{\"guami\":{\"plmnId\":{\"mcc\":\"001\",\"mnc\":\"01\"}}}"), PEER)))
                .isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
    }

    @Test
    void anUnreadableJsonBodyFailsClosed() {
        assertThat(fail(check.check(json("{\"servingNetworkName\":"), PEER))).isEqualTo(EdgeViolation.BODY_UNREADABLE);
        assertThat(fail(check.check(json("[".repeat(200) + "]".repeat(200)), PEER)))
                .isEqualTo(EdgeViolation.BODY_UNREADABLE);
        SbiRequest binary = new SbiRequest("POST", "/x/v1/y", SbiHeaders.of("content-type", "application/vnd.3gpp.5gnas"),
                new byte[] {1, 2, 3});
        pass(check.check(binary, PEER));
    }

    @Test
    void theAccessTokensConsumerPlmnMustBeThePeers() throws Exception {
        String ours = signed(Map.of("mcc", "999", "mnc", "99"));
        String theirs = signed(Map.of("mcc", "001", "mnc", "01"));
        pass(check.check(bearer(ours), PEER));
        assertThat(fail(check.check(bearer(theirs), PEER))).isEqualTo(EdgeViolation.ACCESS_TOKEN_PLMN_ID_MISMATCH);
        String unsigned = new PlainJWT(claims(Map.of("mcc", "001", "mnc", "01"))).serialize();
        assertThat(fail(check.check(bearer(unsigned), PEER))).isEqualTo(EdgeViolation.ACCESS_TOKEN_PLMN_ID_MISMATCH);
        String bogusClaim = new PlainJWT(new JWTClaimsSet.Builder().claim("consumerPlmnId", "999-99").build()).serialize();
        assertThat(fail(check.check(bearer(bogusClaim), PEER))).isEqualTo(EdgeViolation.ACCESS_TOKEN_PLMN_ID_MISMATCH);
        // No claim, an opaque token or another scheme say nothing about the PLMN.
        pass(check.check(bearer(new PlainJWT(new JWTClaimsSet.Builder().subject("nf").build()).serialize()), PEER));
        pass(check.check(bearer("opaque-token"), PEER));
        pass(check.check(new SbiRequest("GET", "/x/v1/y", SbiHeaders.of("authorization", "Basic " + theirs),
                new byte[0]), PEER));
        PlmnIdConsistencyCheck noToken = new PlmnIdConsistencyCheck(
                PlmnIdCheckSettings.builder().checkAccessToken(false).build());
        pass(noToken.check(bearer(theirs), PEER));
    }

    @Test
    void aParsedMessageIsCheckedWithoutReparsing() throws Exception {
        var body = org.keygate.sbi.json.SbiJson.read(
                "{\"servingNetworkName\":\"5G:mnc001.mcc001.3gppnetwork.org\"}".getBytes(StandardCharsets.UTF_8),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(fail(check.check(List.of(), body, PEER))).isEqualTo(EdgeViolation.BODY_PLMN_ID_MISMATCH);
        pass(check.check(List.of(Map.entry("content-type", "application/json")), null, PEER));
        assertThat(fail(check.check(List.of(Map.entry("Authorization", "Bearer " + signed(Map.of("mcc", "001",
                "mnc", "01")))), null, PEER))).isEqualTo(EdgeViolation.ACCESS_TOKEN_PLMN_ID_MISMATCH);
    }

    private static String signed(Map<String, String> plmn) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims(plmn));
        jwt.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Map<String, String> plmn) {
        return new JWTClaimsSet.Builder().issuer("6faf1bbc-6e4a-4454-a507-a14ef8e1bc5c")
                .subject("2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11").audience("UDM").claim("scope", "nudm-ueau")
                .claim("exp", 2000000000L).claim("consumerPlmnId", plmn).build();
    }

    private static SbiRequest bearer(String token) {
        return new SbiRequest("POST", "/nudm-ueau/v1/x", SbiHeaders.of("authorization", "Bearer " + token),
                new byte[0]);
    }

    private static SbiRequest json(String body) {
        return SbiRequest.json("POST", "/nudm-ueau/v1/x", body.getBytes(StandardCharsets.UTF_8));
    }
}
