package org.keygate.ims.mrfc;

import java.util.HexFormat;
import org.keygate.ims.mikey.ticket.EstablishedSession;

/**
 * The TLS psk_identity for a stream keyed by a MIKEY-TICKET crypto session. TS 33.328 Annex H (not in hand) profiles
 * it; keygate's decision, one place: {@code mikey:<CSB ID, 8 hex>:<CS ID>:<SPI hex>}, which both ends know from the
 * exchange and which names exactly one TEK.
 */
public final class PskIdentities {
    private PskIdentities() {
    }

    public static String of(EstablishedSession session) {
        return "mikey:" + String.format("%08x", session.csbId()) + ":" + session.csId() + ":"
                + HexFormat.of().formatHex(session.spi().toByteArray());
    }
}
