package org.keygate.ims.mikey.ticket;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ProtType;

/**
 * The outcome of a Ticket Transfer exchange on either side: the crypto session (CSB ID, CS ID, protocol, SPI),
 * the authenticated peer identity and the TEK, which for the TLS crypto session is the TLS pre-shared key
 * (TS 23.333 5.20.2). Prints no key octets.
 */
public record EstablishedSession(long csbId, int csId, ProtType protType, Octets spi, String peerIdentity,
        SecretBytes tek) {
    public EstablishedSession {
        Objects.requireNonNull(protType, "protType");
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(peerIdentity, "peerIdentity");
        Objects.requireNonNull(tek, "tek");
    }
}
