package org.keygate.ims.mikey.ticket;

import java.time.Instant;
import java.util.Objects;

/** A ticket whose MAC verified under its TPK and whose keys decrypted (RFC 6043 Appendix A). */
public record ResolvedTicket(TicketTerms terms, Tpk tpk, Instant issuedAt, TransferKeys keys) {
    public ResolvedTicket {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(tpk, "tpk");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(keys, "keys");
    }
}
