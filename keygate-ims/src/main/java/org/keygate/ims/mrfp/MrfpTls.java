package org.keygate.ims.mrfp;

import java.util.List;
import java.util.Map;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.PskLookup;
import org.keygate.tls.bc.RenegotiationPolicy;
import org.keygate.tls.bc.TlsVersion;

/**
 * The MRFP's TLS profile for TCP-based media (TS 23.333 5.20.2, TS 33.328 Annex H): TLS 1.2 with the pre-shared-key
 * suites of RFC 4279 / RFC 5487, the PSK being the TEK of the media stream's MIKEY-TICKET crypto session, and
 * renegotiation accepted only when RFC 5746 secure renegotiation is in use (TS 33.310 Annex E).
 *
 * <p>Both sides require RFC 5746 from the first handshake ({@link #REQUIRE_SECURE_RENEGOTIATION}, the strict choice
 * of RFC 5746 4.1/4.4): a peer that does not signal it is refused with handshake_failure, so an insecure renegotiation
 * can never start. A secure one then depends on the MRFP's TLS role on that stream:
 * <ul>
 *   <li>TLS server: the client's new ClientHello is accepted under {@link #RENEGOTIATION} and the renegotiation
 *       completes (keygate-tls's {@code PolicyProtocols.Server}; {@code MrfpGnuTlsRenegotiationTest});</li>
 *   <li>TLS client: a server's HelloRequest gets a no_renegotiation warning and the session goes on under the current
 *       keys unless the server ends it: Bouncy Castle 1.84's client cannot renegotiate without a server Certificate
 *       message ({@code TlsUtils.processServerCertificate}), see docs/TLS-BC.md.</li>
 * </ul>
 */
public final class MrfpTls {
    /** RFC 5487 2 (GCM and CBC-SHA256 with plain PSK key exchange), in order of preference. */
    public static final List<String> CIPHER_SUITES = List.of("TLS_PSK_WITH_AES_128_GCM_SHA256",
            "TLS_PSK_WITH_AES_256_GCM_SHA384", "TLS_PSK_WITH_AES_128_CBC_SHA256");
    /** TS 33.310 Annex E via TS 23.333 5.20.2: renegotiation only under RFC 5746. */
    public static final RenegotiationPolicy RENEGOTIATION = RenegotiationPolicy.ACCEPT_SECURE;
    /** RFC 5746 4.1 (client) and 4.4 (server): abort the handshake with a peer that does not support RFC 5746. */
    public static final boolean REQUIRE_SECURE_RENEGOTIATION = true;

    private MrfpTls() {
    }

    /** The server side: only this stream's identity and key are known to the listener (one listener per stream). */
    public static BcTlsServerConfig server(ExternalPsk psk) {
        return BcTlsServerConfig.builder().versions(TlsVersion.TLS_1_2).cipherSuites(CIPHER_SUITES)
                .pskLookup(PskLookup.of(Map.of(psk.identity(), psk.key())))
                .requireSecureRenegotiation(REQUIRE_SECURE_RENEGOTIATION).renegotiation(RENEGOTIATION).build();
    }

    public static BcTlsClientConfig client(ExternalPsk psk) {
        return BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2).cipherSuites(CIPHER_SUITES).psk(psk)
                .requireSecureRenegotiation(REQUIRE_SECURE_RENEGOTIATION).renegotiation(RENEGOTIATION).build();
    }
}
