package org.keygate.ims.mikey;

import java.util.Objects;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;

/**
 * Key data transport payload KEMAC (RFC 3830 6.2, RFC 6043 6.2): the encrypted key data sub-payloads and a MAC
 * (NULL in every MIKEY-TICKET message, where the V payload carries the MAC). Decrypt with {@link KeyDataCodec}.
 */
public record Kemac(MikeyEncrAlg encrAlg, Octets encrData, MikeyMacAlg macAlg, Octets mac) implements Payload {
    public Kemac {
        Objects.requireNonNull(encrAlg, "encrAlg");
        Fields.len16("Encr data", encrData);
        Objects.requireNonNull(macAlg, "macAlg");
        Objects.requireNonNull(mac, "mac");
        if (mac.length() != macAlg.macOctets()) {
            throw new IllegalArgumentException("MAC: " + mac.length() + " octets (expected: " + macAlg.macOctets()
                    + " for " + macAlg + ")");
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.KEMAC;
    }
}
