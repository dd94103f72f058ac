package org.keygate.ims.mikey.ticket;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;

/**
 * What the ticket gives the initiator (REQUEST_RESP or mode 3) and the responder (RESOLVE_RESP or a local
 * resolve): MPKi, which protects the Ticket Transfer messages (RFC 6043 4.2.2, no key forking), and the TGK with
 * its SPI, from which the TEK derives (RFC 6043 5.1.3).
 */
public record TransferKeys(SecretBytes mpki, SecretBytes tgk, Octets tgkSpi) {
    public TransferKeys {
        Objects.requireNonNull(mpki, "mpki");
        Objects.requireNonNull(tgk, "tgk");
        Objects.requireNonNull(tgkSpi, "tgkSpi");
    }

    @Override
    public String toString() {
        return "TransferKeys[MPKi " + mpki + ", TGK " + tgk + ", SPI " + tgkSpi + "]";
    }
}
