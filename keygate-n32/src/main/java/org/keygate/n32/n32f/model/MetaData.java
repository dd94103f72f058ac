package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * TS 29.573 MetaData (TS 33.501 13.2.4.3.1.2): the receiving SEPP's N32-f context ID, the message ID (a response
 * echoes its request's), and the authorized RI's FQDN or "NULL" (DESIGN.md).
 */
public record MetaData(String n32fContextId, String messageId, String authorizedIpxId) {
    /** DESIGN.md: the string written when no Roaming Intermediary is authorized. */
    public static final String NO_IPX = "NULL";

    /**
     * As received: a member that is not a JSON string is absent (TS 29.573 types all three as strings), never a
     * number or boolean turned into one, so a received metaData means the same whether it is read with the block or
     * alone ({@code ReceivedAad}).
     */
    @JsonCreator
    static MetaData fromJson(@JsonProperty("n32fContextId") JsonNode n32fContextId,
            @JsonProperty("messageId") JsonNode messageId, @JsonProperty("authorizedIpxId") JsonNode authorizedIpxId) {
        return new MetaData(text(n32fContextId), text(messageId), text(authorizedIpxId));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** On receipt, JSON null, "" and "NULL" all mean that no RI is authorized (DESIGN.md). */
    public boolean noAuthorizedIpx() {
        return authorizedIpxId == null || authorizedIpxId.isEmpty() || NO_IPX.equals(authorizedIpxId);
    }
}
