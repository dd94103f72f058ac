package org.keygate.ims.mikey.ticket;

import java.util.List;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.KeyData;
import org.keygate.ims.mikey.KeyDataType;
import org.keygate.ims.mikey.KeyValidity;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.Octets;

/**
 * The key data of REQUEST_RESP and RESOLVE_RESP KEMACs without key forking: MPKi and one TGK, each with an SPI
 * (RFC 6043 4.2.1.5, 4.2.3.5: KEMAC = E(encr_key, MPKi || TGK)).
 */
public final class KemacKeys {
    private KemacKeys() {}

    public static List<KeyData> toKeyData(TransferKeys keys) {
        return List.of(KeyData.withSpi(KeyDataType.MPK, keys.mpki(), Octets.of(TicketProfile.MPKI_SPI)),
                KeyData.withSpi(KeyDataType.TGK, keys.tgk(), keys.tgkSpi()));
    }

    public static TransferKeys fromKeyData(List<KeyData> keys) throws MikeyException {
        List<KeyData> mpk = keys.stream().filter(k -> k.keyType() == KeyDataType.MPK).toList();
        List<KeyData> tgk = keys.stream().filter(k -> k.keyType() == KeyDataType.TGK).toList();
        if (mpk.size() != 1 || tgk.size() != 1 || keys.size() != 2) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KEMAC with " + mpk.size() + " MPK and " + tgk.size()
                    + " TGK of " + keys.size() + " keys (expected: MPKi and one TGK)");
        }
        if (!(tgk.getFirst().validity() instanceof KeyValidity.Spi spi) || spi.spi().length() == 0) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "TGK without an SPI (RFC 6043 6.2.1)");
        }
        return new TransferKeys(mpk.getFirst().key(), tgk.getFirst().key(), spi.spi());
    }
}
