package org.keygate.ims.mikey;

/** RAND payload (RFC 3830 6.11); RFC 3830 says it SHOULD be at least 16 octets, the exchanges enforce that. */
public record Rand(Octets rand) implements Payload {
    public Rand {
        Fields.len8("RAND", rand);
    }

    @Override
    public PayloadType type() {
        return PayloadType.RAND;
    }
}
