package org.keygate.ims.mikey;

/** General Extension payload (RFC 3830 6.15): type and opaque data. */
public record GeneralExtension(int extType, Octets data) implements Payload {
    public GeneralExtension {
        Fields.u8("Type", extType);
        Fields.len16("Data", data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.GENERAL_EXT;
    }
}
