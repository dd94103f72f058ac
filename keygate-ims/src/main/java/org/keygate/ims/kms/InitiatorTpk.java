package org.keygate.ims.kms;

import java.util.Objects;
import org.keygate.ims.mikey.ticket.Tpk;

/**
 * A TPK that the KMS shares with one initiator for MIKEY-TICKET mode 3 (RFC 6043 4.1.1): tickets protected with it
 * are resolved only when their Ticket Policy names {@code owner} as IDRi.
 */
public record InitiatorTpk(String owner, Tpk tpk) {
    public InitiatorTpk {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(tpk, "tpk");
    }
}
