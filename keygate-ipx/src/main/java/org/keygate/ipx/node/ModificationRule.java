package org.keygate.ipx.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One modification the IPX applies: to requests whose requestLine (as the sending SEPP wrote it in the clear part)
 * has this method and path, the RFC 6902 {@code operations}, whose paths are JSON pointers into the SBI message's
 * JSON body (e.g. {@code /servingNetworkName}). The IPX turns them into pointers into the DataToIntegrityProtectBlock
 * ({@code /payload/<n>/value/...}) for its JWS (TS 33.501 13.2.4.5.1).
 *
 * @param method HTTP method; empty: any
 * @param path {@code requestLine.path} with {@code *} matching any one segment, e.g.
 *     {@code /nudm-ueau/v1/*\/security-information/generate-auth-data}
 * @param message which message of such an exchange it modifies: the request, or its answer (TS 33.501 13.2.4.5.2:
 *     RIs modify answers too; the answer is matched by the requestLine of the request the IPX relayed)
 */
public record ModificationRule(Optional<String> method, String path, List<JsonNode> operations, Message message) {
    /** The two messages of an n32f-process exchange. */
    public enum Message { REQUEST, ANSWER }

    public ModificationRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        operations = List.copyOf(operations);
        Objects.requireNonNull(message, "message");
    }

    /** A rule on requests. */
    public ModificationRule(Optional<String> method, String path, List<JsonNode> operations) {
        this(method, path, operations, Message.REQUEST);
    }

    boolean matches(Message which, String requestMethod, String requestPath) {
        return which == message && matches(requestMethod, requestPath);
    }

    boolean matches(String requestMethod, String requestPath) {
        if (method.isPresent() && !method.get().equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] want = path.split("/", -1);
        String[] got = requestPath.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }
}
