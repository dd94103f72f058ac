package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/** A Roaming Intermediary's certificate revoked by its CA is refused on the N32-f hop, as a SEPP's is. */
class IntermediaryRevocationTest {
    @TempDir
    Path dir;

    @Test
    void aRevokedIpxCertificateIsRefusedAndAnUnrevokedOneAccepted() throws Exception {
        LabCa ipxCa = LabCa.create("IPX root", Duration.ofDays(2));
        X509Certificate ipx = ipxCa.issue(List.of("ipx.example.org", "localhost"),
                List.of(InetAddress.getLoopbackAddress())).certificate();
        X509Certificate[] chain = {ipx, ipxCa.certificate()};
        Path crl = dir.resolve("ipx.crl");
        Instant now = Instant.now();
        Files.write(crl, ipxCa.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1).getEncoded());
        CrlRevocation revocation = new CrlRevocation(List.of(new AnchorRevocation(ipxCa.certificate(),
                new RevocationPolicy(List.of(new CrlSource.File(crl)), false, OnStaleRevocation.REFUSE,
                        Duration.ofHours(1)))), new SimpleMeterRegistry(), Clock.systemUTC());
        revocation.refreshNow();
        EdgeTrustManager trust = new EdgeTrustManager(Optional.empty(), List.of(ipxCa.certificate()), revocation);
        assertThatCode(() -> trust.checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();

        Files.write(crl, ipxCa.crl(List.of(ipx), now, now.plus(Duration.ofDays(1)), 2).getEncoded());
        revocation.refreshNow();
        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is revoked since")
                .cause().isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(chain, "ECDHE_ECDSA")).hasMessageContaining("is revoked");
    }
}
