package org.keygate.ims.sdp;

import java.util.Locale;

/** The {@code a=setup} values of RFC 4145 4. */
public enum Setup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    public String sdp() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Setup parse(String value) {
        for (Setup s : values()) {
            if (s.sdp().equals(value)) {
                return s;
            }
        }
        throw new SdpException("a=setup: not active, passive, actpass or holdconn (RFC 4145 4)");
    }
}
