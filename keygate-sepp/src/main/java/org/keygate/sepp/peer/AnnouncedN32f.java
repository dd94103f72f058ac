package org.keygate.sepp.peer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a partner asked for a context's N32-f messages: the {@code senderN32fFqdn} and first port of
 * {@code senderN32fPort}/{@code senderN32fPortList} it announced in exchange-capability (TS 29.573 6.1.5.2.2 and
 * 6.1.5.2.3, both directions). A SEPP run as several instances announces each instance's own address, so that a
 * partner sends each context's messages to the instance holding its keys (docs/CLUSTER.md).
 *
 * @param fqdn the announced FQDN; the partner's {@code sender} FQDN when it announced a port only
 * @param port 1..65535
 */
public record AnnouncedN32f(String fqdn, int port) {
    public AnnouncedN32f {
        Objects.requireNonNull(fqdn, "fqdn");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /**
     * What an exchange-capability message announced, if anything: no port (or port 0, which the checks let through
     * as a Uinteger) announces nothing, since an FQDN alone says nothing a configured address does not.
     *
     * @param sender the message's {@code sender}, the FQDN when {@code senderN32fFqdn} is absent
     */
    public static Optional<AnnouncedN32f> of(String senderN32fFqdn, String sender, List<Integer> ports) {
        String fqdn = senderN32fFqdn != null ? senderN32fFqdn : sender;
        if (fqdn == null || ports.isEmpty() || ports.getFirst() == null || ports.getFirst() < 1
                || ports.getFirst() > 65535) {
            return Optional.empty();
        }
        return Optional.of(new AnnouncedN32f(fqdn, ports.getFirst()));
    }

    /** As the {@code :authority} of a request sent there. */
    public String authority() {
        return fqdn + ":" + port;
    }
}
