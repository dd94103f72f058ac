package org.keygate.capif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/** The observer the end-to-end tests rely on does reject what the schemas forbid. */
class ConformanceObserverTest {
    @Test
    void aSecurityAnswerNamingBothInterfaceAndAefIsAViolation() {
        ConformanceObserver o = new ConformanceObserver();
        byte[] both = ("{\"securityInfo\":[{\"interfaceDetails\":{\"ipv4Addr\":\"127.0.0.1\",\"port\":1},"
                + "\"aefId\":\"AEF1\",\"prefSecurityMethods\":[\"PSK\"]}],\"notificationDestination\":\"http://x/\"}")
                .getBytes(StandardCharsets.UTF_8);
        o.exchanged(new SbiRequest("GET", "/capif-security/v1/trustedInvokers/INV1", SbiHeaders.empty(), null),
                SbiResponse.json(200, both));
        assertThat(o.checked()).isEqualTo(1);
        assertThat(o.violations()).singleElement().asString().contains("answer 200");
    }

    @Test
    void anOnboardingRequestWithoutItsKeyIsAViolation() {
        ConformanceObserver o = new ConformanceObserver();
        o.exchanged(SbiRequest.json("POST", "/api-invoker-management/v1/onboardedInvokers",
                "{\"notificationDestination\":\"http://x/\",\"onboardingInformation\":{}}".getBytes(StandardCharsets.UTF_8)),
                SbiResponse.noContent());
        assertThat(o.violations()).anyMatch(v -> v.startsWith("request of POST"));
    }
}
