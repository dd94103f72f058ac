package org.keygate.labnf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;

/** The launcher starts both NFs on free loopback ports, wired together, and stops them. */
class LabHomeNetworkTest {
    @Test
    void startsAUdmAndAnAusfThatAuthenticateAUsim() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        UdmSettings udm = UdmSettings.builder().apiRoot("http://udm.5gc.mnc001.mcc001.3gppnetwork.org").subscriber(LabSubscriber.of(UdmUeauHandlerTest.SUPI,
                UdmUeauHandlerTest.K, UdmUeauHandlerTest.OPC, "8000", 0)).build();
        InetSocketAddress ausfAddress;
        try (LabHomeNetwork home = LabHomeNetwork.start(udm, any, any, udmAddress -> AusfSettings.builder()
                .apiRoot("http://ausf.5gc.mnc001.mcc001.3gppnetwork.org").udm(udmAddress, "udm").build());
                SbiClient client = SbiClient.builder().cleartext().build()) {
            ausfAddress = home.ausfAddress();
            assertThat(home.udmAddress().getPort()).isNotEqualTo(ausfAddress.getPort());
            SbiClientConnection c = client.connect(ausfAddress, null).get(10, TimeUnit.SECONDS);
            SbiResponse r = c.send(SbiRequest.json("POST", "/nausf-auth/v1/ue-authentications",
                    ("{\"supiOrSuci\":\"" + UdmUeauHandlerTest.SUCI + "\",\"servingNetworkName\":\""
                            + UdmUeauHandlerTest.SNN + "\"}").getBytes(StandardCharsets.UTF_8)), "ausf", "http")
                    .get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(201);
            JsonNode av = SbiJson.read(r.body(), JsonNode.class).get("5gAuthData");
            HexFormat hex = HexFormat.of();
            Usim.Answer ue = new Usim(UdmUeauHandlerTest.K, UdmUeauHandlerTest.OPC).answer(
                    hex.parseHex(av.get("rand").asText()), hex.parseHex(av.get("autn").asText()), UdmUeauHandlerTest.SNN);
            assertThat(ue.sqn()).isZero();
        }
        try (SbiClient client = SbiClient.builder().cleartext().build()) {
            assertThat(client.connect(ausfAddress, null)).failsWithin(20, TimeUnit.SECONDS);
        }
    }
}
