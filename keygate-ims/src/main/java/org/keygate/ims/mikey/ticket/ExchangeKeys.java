package org.keygate.ims.mikey.ticket;

import java.nio.charset.StandardCharsets;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.RandRole;

/**
 * The keys and MAC trailers of the three exchanges: message keys per RFC 6043 5.1.2 (inkey PSK for Ticket
 * Request and Resolve, MPKi for Ticket Transfer; 0x01 initial, 0x02 response; RANDRi in Request and Transfer,
 * RANDRr in Resolve and in a TRANSFER_RESP under the G flag), identities per Table 5.2.
 */
final class ExchangeKeys {
    private ExchangeKeys() {}

    static MikeyMessageKeys derive(MikeyPrf prf, SecretBytes inkey, long csbId, boolean response, Octets randRi,
            Octets randRr, MikeyEncrAlg encr, MikeyMacAlg mac) {
        return MikeyMessageKeys.derive(prf, inkey, MikeyLabel.ticketMessage(csbId, response, bytes(randRi),
                bytes(randRr)), encr, mac);
    }

    /** The ID Data of the message's IDR payload in {@code role} (RFC 6043 5.5: identities, not whole payloads). */
    static byte[] identity(MikeyMessage m, IdRole role) throws MikeyException {
        return m.idr(role).orElseThrow(() -> new MikeyException(ErrorNo.INVALID_ID, m.dataType() + " without "
                + role + " (keygate's profile sends and requires it)")).data().toByteArray();
    }

    static String identityText(MikeyMessage m, IdRole role) throws MikeyException {
        return new String(identity(m, role), StandardCharsets.UTF_8);
    }

    /** The message's RANDR in {@code role}, at least {@link TicketProfile#RAND_OCTETS} long. */
    static Octets rand(MikeyMessage m, RandRole role) throws MikeyException {
        Octets r = m.randr(role).orElseThrow(() -> new MikeyException(ErrorNo.UNSPECIFIED_ERROR, m.dataType()
                + " without " + role)).rand();
        if (r.length() < TicketProfile.RAND_OCTETS) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, role + " of " + r.length()
                    + " octets (RFC 3830 6.11: at least " + TicketProfile.RAND_OCTETS + ")");
        }
        return r;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Octets o) {
        return o == null ? null : o.toByteArray();
    }
}
