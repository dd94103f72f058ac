package org.keygate.ims.mikey;

import java.util.Objects;
import org.keygate.crypto.mikey.MikeyMacAlg;

/** Ver msg payload V (RFC 3830 6.9): the MAC, its length implied by the algorithm. */
public record Verification(MikeyMacAlg authAlg, Octets mac) implements Payload {
    public Verification {
        Objects.requireNonNull(authAlg, "authAlg");
        Objects.requireNonNull(mac, "mac");
        if (mac.length() != authAlg.macOctets()) {
            throw new IllegalArgumentException("Ver data: " + mac.length() + " octets (expected: "
                    + authAlg.macOctets() + " for " + authAlg + ")");
        }
    }

    /** A V payload whose MAC is still zeros: {@link MikeyProtection#seal} fills it. */
    public static Verification unsealed(MikeyMacAlg authAlg) {
        return new Verification(authAlg, Octets.of(new byte[authAlg.macOctets()]));
    }

    @Override
    public PayloadType type() {
        return PayloadType.V;
    }
}
