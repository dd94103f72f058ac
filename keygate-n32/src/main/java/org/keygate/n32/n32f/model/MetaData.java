package org.keygate.n32.n32f.model;

/**
 * TS 29.573 MetaData (TS 33.501 13.2.4.3.1.2): the receiving SEPP's N32-f context ID, the message ID (a response
 * echoes its request's), and the authorized RI's FQDN or "NULL" (DESIGN.md).
 */
public record MetaData(String n32fContextId, String messageId, String authorizedIpxId) {
    /** DESIGN.md: the string written when no Roaming Intermediary is authorized. */
    public static final String NO_IPX = "NULL";

    /** On receipt, JSON null, "" and "NULL" all mean that no RI is authorized (DESIGN.md). */
    public boolean noAuthorizedIpx() {
        return authorizedIpxId == null || authorizedIpxId.isEmpty() || NO_IPX.equals(authorizedIpxId);
    }
}
