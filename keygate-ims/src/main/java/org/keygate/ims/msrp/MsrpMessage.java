package org.keygate.ims.msrp;

import java.util.List;
import java.util.Optional;

/** An MSRP request or response (RFC 4975 9, msrp-req-or-resp). */
public sealed interface MsrpMessage permits MsrpRequest, MsrpResponse {
    String transactionId();

    List<MsrpUri> toPath();

    List<MsrpUri> fromPath();

    /** Header fields after From-Path other than Content-Type, in order. */
    List<MsrpHeader> headers();

    /** The first header with this name (case-insensitive, RFC 4975 9). */
    default Optional<String> header(String name) {
        for (MsrpHeader h : headers()) { // a loop, not a stream: the relay asks for two headers per chunk
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** Validation shared by requests and responses. */
    static void check(String transactionId, List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        if (!MsrpGrammar.isIdent(transactionId)) {
            throw new IllegalArgumentException("transaction-id is not an RFC 4975 ident");
        }
        if (toPath.isEmpty() || fromPath.isEmpty()) {
            throw new IllegalArgumentException("To-Path and From-Path need at least one URI (RFC 4975 9)");
        }
    }
}
