package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * TS 29.573 Modifications, the payload of a Roaming Intermediary's JWS (TS 33.501 13.2.4.5.1): who modified
 * ({@code identity}, the RI's FQDN), the RFC 6902 patch it applied to the DataToIntegrityProtectBlock
 * ({@code operations}; absent when it changed nothing, DESIGN.md) and the JWE {@code tag} it signed over, which ties
 * the modifications to one message.
 */
public record Modifications(String identity, List<JsonNode> operations, String tag) {
    public Modifications {
        operations = operations == null || operations.isEmpty() ? null : List.copyOf(operations);
    }
}
