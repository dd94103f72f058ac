package org.keygate.sepp.n32c.server;

import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.n32c.N32cCauses;
import org.keygate.sepp.n32c.N32cRejection;
import org.keygate.n32.n32c.model.N32cMessageChecks;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecParamExchReqData;

/**
 * Turns an N32-c request body into a checked message or a refusal: wrong media type (415), JSON that does not
 * parse or map (400 INVALID_MSG_FORMAT), a mandatory IE missing or wrong (400 MANDATORY_IE_MISSING /
 * MANDATORY_IE_INCORRECT with the IE's JSON pointer). Body size is limited before this, by the SBI server.
 */
final class N32cRequestDecoder {
    private N32cRequestDecoder() {}

    static <T> T decode(SbiRequest request, Class<T> type) {
        String mediaType = request.contentType().map(N32cRequestDecoder::mediaType).orElse("");
        if (!mediaType.equals("application/json")) {
            throw N32cRejection.of(415, "Unsupported Media Type", N32cCauses.UNSUPPORTED_MEDIA_TYPE,
                    "N32-c bodies are application/json (TS 29.573 6.1.3)");
        }
        T message;
        try {
            message = SbiJson.read(request.body(), type);
        } catch (SbiJsonException e) {
            throw N32cRejection.of(400, "Bad Request", N32cCauses.INVALID_MSG_FORMAT,
                    "not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
        if (message == null) {
            throw N32cRejection.of(400, "Bad Request", N32cCauses.INVALID_MSG_FORMAT,
                    "empty body, expected " + type.getSimpleName());
        }
        N32cMessageChecks checks = checks(message);
        if (!checks.missing().isEmpty()) {
            throw N32cRejection.withParams(400, "Bad Request", N32cCauses.MANDATORY_IE_MISSING,
                    type.getSimpleName() + " lacks a mandatory IE", checks.missing());
        }
        if (!checks.incorrect().isEmpty()) {
            throw N32cRejection.withParams(400, "Bad Request", N32cCauses.MANDATORY_IE_INCORRECT,
                    type.getSimpleName() + " has an incorrect IE", checks.incorrect());
        }
        return message;
    }

    private static N32cMessageChecks checks(Object message) {
        return switch (message) {
            case SecNegotiateReqData m -> N32cMessageChecks.of(m);
            case SecParamExchReqData m -> N32cMessageChecks.of(m);
            case N32fContextInfo m -> N32cMessageChecks.of(m);
            case N32fErrorInfo m -> N32cMessageChecks.of(m);
            default -> throw new IllegalArgumentException("no checks for " + message.getClass().getSimpleName());
        };
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
