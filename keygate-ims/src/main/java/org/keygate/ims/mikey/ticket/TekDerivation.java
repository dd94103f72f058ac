package org.keygate.ims.mikey.ticket;

import org.keygate.crypto.mikey.MikeyKeyConstant;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.TicketFlags;

/**
 * TEK = PRF(TGK, 0x2AD01C64 || CS ID || 0xFFFFFFFF || 0x03 || length RANDRi || [RANDRi] || length RANDRr ||
 * [RANDRr]) (RFC 6043 5.1.3, constant of RFC 3830 4.1.3), RANDRi under the H flag and RANDRr under G, with the
 * HDR's PRF; {@link TicketProfile#TEK_OCTETS} long.
 */
final class TekDerivation {
    private TekDerivation() {}

    static SecretBytes tek(MikeyPrf prf, SecretBytes tgk, int csId, TicketFlags flags, Octets randRi, Octets randRr) {
        byte[] ri = flags.h() ? randRi.toByteArray() : null;
        byte[] rr = flags.g() ? randRr.toByteArray() : null;
        return prf.derive(tgk, MikeyLabel.ticketTgk(csId, ri, rr).with(MikeyKeyConstant.TEK), TicketProfile.TEK_OCTETS);
    }
}
