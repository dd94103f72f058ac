package org.keygate.ims.mikey;

import java.util.Objects;

/** ID payload with role indicator IDR (RFC 6043 6.6). */
public record IdWithRole(IdRole role, IdType idType, Octets data) implements Payload {
    public IdWithRole {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(idType, "idType");
        Fields.len16("ID Data", data);
    }

    /** A URI identity (e.g. {@code sip:alice@ims.example.org}) in the given role. */
    public static IdWithRole uri(IdRole role, String uri) {
        return new IdWithRole(role, IdType.URI, Octets.ofUtf8(uri));
    }

    @Override
    public PayloadType type() {
        return PayloadType.IDR;
    }
}
