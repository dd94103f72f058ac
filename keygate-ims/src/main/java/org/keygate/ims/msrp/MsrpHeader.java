package org.keygate.ims.msrp;

import java.util.Objects;

/** One header field other than To-Path, From-Path and Content-Type, in the order received (RFC 4975 9). */
public record MsrpHeader(String name, String value) {
    public static final String MESSAGE_ID = "Message-ID";
    public static final String BYTE_RANGE = "Byte-Range";
    public static final String SUCCESS_REPORT = "Success-Report";
    public static final String FAILURE_REPORT = "Failure-Report";
    public static final String STATUS = "Status";

    public MsrpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!MsrpGrammar.isHeaderName(name)) {
            throw new IllegalArgumentException("MSRP header name is not ALPHA *token");
        }
        if (!MsrpGrammar.isUtf8Text(value)) {
            throw new IllegalArgumentException("MSRP header value has control characters");
        }
    }
}
