package org.keygate.ims.mikey;

import java.util.List;
import java.util.Objects;

/** Security Policy payload SP (RFC 3830 6.10): policy number, protocol type and Type/Length/Value parameters. */
public record SecurityPolicy(int policyNo, ProtType protType, List<Param> params) implements Payload {
    public SecurityPolicy {
        Fields.u8("Policy no", policyNo);
        Objects.requireNonNull(protType, "protType");
        params = List.copyOf(params);
        int length = params.stream().mapToInt(p -> 2 + p.value().length()).sum();
        Fields.u16("Policy param length", length);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SP;
    }

    /** One policy parameter (RFC 3830 6.10: Type 8 bits, Length 8 bits, Value). */
    public record Param(int paramType, Octets value) {
        public Param {
            Fields.u8("Type", paramType);
            Fields.len8("Value", value);
        }
    }
}
