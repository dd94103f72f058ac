package org.keygate.ims.mikey;

/**
 * Error payload ERR (RFC 3830 6.12, RFC 6043 6.9). The error number is kept as sent, so that a value neither RFC
 * defines still decodes; {@link #known()} maps it.
 */
public record ErrorPayload(int errorNo, int reserved) implements Payload {
    public ErrorPayload {
        Fields.u8("Error no", errorNo);
        Fields.u16("Reserved", reserved);
    }

    public static ErrorPayload of(ErrorNo errorNo) {
        return new ErrorPayload(errorNo.wireValue(), 0);
    }

    /** The RFCs' name for this error, or null when the value is not defined. */
    public ErrorNo known() {
        return ErrorNo.fromWire(errorNo);
    }

    @Override
    public PayloadType type() {
        return PayloadType.ERR;
    }
}
