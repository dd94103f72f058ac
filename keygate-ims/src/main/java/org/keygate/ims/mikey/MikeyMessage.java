package org.keygate.ims.mikey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A MIKEY message: the HDR and the payloads in wire order. Encode and decode with {@link MikeyCodec}; protect and
 * verify with {@link MikeyProtection}.
 */
public record MikeyMessage(Header header, List<Payload> payloads) {
    public MikeyMessage {
        Objects.requireNonNull(header, "header");
        payloads = List.copyOf(payloads);
    }

    public DataType dataType() {
        return header.dataType();
    }

    public <P extends Payload> List<P> all(Class<P> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <P extends Payload> Optional<P> first(Class<P> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The first IDR payload with this role. */
    public Optional<IdWithRole> idr(IdRole role) {
        return all(IdWithRole.class).stream().filter(p -> p.role() == role).findFirst();
    }

    /** The first RANDR payload with this role. */
    public Optional<RandWithRole> randr(RandRole role) {
        return all(RandWithRole.class).stream().filter(p -> p.role() == role).findFirst();
    }

    /** The last payload when it is a V payload. */
    public Optional<Verification> verification() {
        return payloads.isEmpty() || !(payloads.getLast() instanceof Verification v) ? Optional.empty()
                : Optional.of(v);
    }

    /** This message with its last payload (a V payload) replaced. */
    public MikeyMessage withVerification(Verification v) {
        if (verification().isEmpty()) {
            throw new IllegalStateException("the message does not end with a V payload");
        }
        List<Payload> copy = new java.util.ArrayList<>(payloads);
        copy.set(copy.size() - 1, v);
        return new MikeyMessage(header, copy);
    }
}
