package org.keygate.ims.mrfc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.ticket.EstablishedSession;

class PskIdentitiesTest {
    private final EstablishedSession session = new EstablishedSession(0x1a2bL, 1, ProtType.TLS,
            Octets.of(new byte[] {(byte) 0xde, (byte) 0xad, 0x00, 0x07}), "sip:alice@ims.example.org",
            SecretBytes.copyOf(new byte[32]));

    @Test
    void theDefaultIsKeygatesFormat() {
        assertThat(PskIdentities.of(session)).isEqualTo("mikey:00001a2b:1:dead0007");
    }

    @Test
    void anotherVendorsFormatIsFilledIn() {
        assertThat(new PskIdentities("tls-psk/{spi}/{csbId}/{csId}").identity(session))
                .isEqualTo("tls-psk/dead0007/00001a2b/1");
    }

    @Test
    void formatsThatDoNotNameOneTekOrAreUnreadableAreRefused() {
        assertThatThrownBy(() -> new PskIdentities("mikey:{csId}:{spi}")).hasMessageContaining("{csbId} and {spi}");
        assertThatThrownBy(() -> new PskIdentities("mikey:{csbId}:{tek}:{spi}")).hasMessageContaining("{tek}");
        assertThatThrownBy(() -> new PskIdentities("a b {csbId}{spi}")).hasMessageContaining("printable ASCII");
    }
}
