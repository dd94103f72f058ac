package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keygate.sepp.ipx.RevocationLab.await;
import static org.keygate.sepp.ipx.RevocationLab.refreshes;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keygate.ipx.node.IpxFixtures;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sepp.TestSepps;
import org.keygate.tls.pki.LabCa;

/**
 * Issue 18 item 2, last sentence: IPX signing keys that the visited SEPP announces as certificates
 * (IpxProviderSecInfo certificateList) are checked by the home SEPP as the IPX's TLS certificates are: under the IPX's
 * trust anchor ({@code peers[].ipx.trustAnchor}) and against its CRLs ({@code peers[].ipx.revocation}), a CRL served
 * by an http server on 127.0.0.1. vSEPP, the IPX node and hSEPP all real, on loopback.
 */
class IpxSigningCertificateTest {
    @RegisterExtension
    final RevocationLab lab = new RevocationLab();

    /** hSEPP with the IPX's CRL at the local server, the IPX signing with {@code signer}, vSEPP announcing it. */
    private void start(LabCa.Issued signer) throws Exception {
        IpxLab ipxLab = lab.ipxLab;
        lab.crls.publishNothingRevoked(ipxLab.ipxRoot);
        lab.startHome(lab.withRevocation(ipxLab.home(), ipxLab.ipxCa));
        lab.startIpx(ipxLab.ipx(Optional.of(IpxFixtures.modifications(signer.keyPair(),
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN)))));
        String der = Base64.getEncoder().encodeToString(signer.certificate().getEncoded());
        lab.startVisited(IpxLab.with(ipxLab.sepps.visited(TestSepps.PRINS_FIRST),
                IpxLab.modifiableServingNetworkName(), List.of(new IpxProviderSecInfo(IpxLab.IPX_ID, null,
                        List.of(der))), ipxLab.intermediary(true)));
    }

    @Test
    void aCertifiedIpxKeyVerifiesUntilItsCaRevokesItThenModificationsAndNewHandshakesAreRefused() throws Exception {
        LabCa.Issued signer = lab.ipxLab.ipxRoot.issue(List.of("signer." + IpxLab.IPX_ID), List.of());
        start(signer);
        lab.visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(lab.send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(lab.delivered.getFirst().body().path("servingNetworkName").asText()).as("modified by the IPX")
                .isEqualTo(IpxLab.MODIFIED_SNN);

        lab.crls.publishRevoked(lab.ipxLab.ipxRoot, signer.certificate());
        double fetched = refreshes(lab.home.meters());
        // Two fetches: the second surely started after the new CRL was published.
        await(() -> refreshes(lab.home.meters()) >= fetched + 2, "CRL refreshed");

        // The context agreed before the revocation still stands; modifications signed with the revoked key do not.
        ProblemDetails p = lab.sendRefused();
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(lab.delivered).hasSize(1);

        // A new handshake announcing it: the home SEPP refuses the exchange-params that carries it.
        assertThatThrownBy(() -> lab.visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("OPTIONAL_IE_INCORRECT");
        assertThat(lab.home.meters().get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aSigningCertificateFromAnotherCaIsRefusedInExchangeParams() throws Exception {
        LabCa elsewhere = LabCa.create("not the IPX's CA", Duration.ofDays(2));
        start(elsewhere.issue(List.of("signer." + IpxLab.IPX_ID), List.of()));
        assertThatThrownBy(() -> lab.visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("OPTIONAL_IE_INCORRECT");
        assertThat(lab.home.contexts().all()).as("nothing agreed").isEmpty();
        assertThat(lab.delivered).isEmpty();
    }
}
