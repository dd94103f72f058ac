package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.junit.jupiter.api.Test;

class Rfc7748X25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private final JdkTlsCrypto crypto = new JdkTlsCrypto();

    /** A random source that hands out one fixed private key: RFC 7748 6.1's Alice. */
    private static SecureRandom fixed(String hex) {
        byte[] key = HEX.parseHex(hex);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(key, 0, bytes, 0, bytes.length);
            }
        };
    }

    @Test
    void rfc7748Section61Vector() throws Exception {
        TlsAgreement alice = new Rfc7748X25519(crypto,
                fixed("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertThat(HEX.formatHex(alice.generateEphemeral()))
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        alice.receivePeerValue(HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        assertThat(HEX.formatHex(alice.calculateSecret().extract()))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void agreesWithTheJdksXdh() throws Exception {
        TlsAgreement ours = crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
        assertThat(ours).isInstanceOf(Rfc7748X25519.class);
        byte[] ourPublic = ours.generateEphemeral();
        KeyPair jdk = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] u = ((XECPublicKey) jdk.getPublic()).getU().toByteArray(); // big-endian, RFC 7748 wants little-endian
        byte[] jdkPublic = new byte[32];
        for (int i = 0; i < u.length && i < 32; i++) {
            jdkPublic[i] = u[u.length - 1 - i];
        }
        ours.receivePeerValue(jdkPublic);
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(jdk.getPrivate());
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = ourPublic[31 - i];
        }
        agreement.doPhase(KeyFactory.getInstance("X25519").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, reversed))), true);
        assertThat(ours.calculateSecret().extract()).isEqualTo(agreement.generateSecret());
    }

    @Test
    void refusesAPeerValueOfTheWrongLength() throws Exception {
        TlsAgreement ours = new Rfc7748X25519(crypto, new SecureRandom());
        ours.generateEphemeral();
        assertThatThrownBy(() -> ours.receivePeerValue(new byte[31])).isInstanceOf(TlsFatalAlert.class)
                .extracting(e -> ((TlsFatalAlert) e).getAlertDescription()).isEqualTo(AlertDescription.illegal_parameter);
    }

    @Test
    void refusesALowOrderPointsAllZeroSecret() throws Exception {
        TlsAgreement ours = new Rfc7748X25519(crypto, new SecureRandom());
        ours.generateEphemeral();
        ours.receivePeerValue(new byte[32]); // u = 0: every scalar gives the all-zero secret (RFC 7748 6.1)
        assertThatThrownBy(ours::calculateSecret).isInstanceOf(TlsFatalAlert.class)
                .extracting(e -> ((TlsFatalAlert) e).getAlertDescription())
                .isEqualTo(AlertDescription.handshake_failure);
    }
}
