package org.keygate.sepp.ipx.node;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.plmn.PlmnId;

/**
 * A SEPP this IPX serves: it may send {@code n32f-process} here (its certificate's PLMN IDs are all among
 * {@code plmnIds} and chain to {@code trustAnchor}, TS 33.501 13.1.2), and, with a {@code nextHop}, it is reached
 * at that address when a request's {@code :authority} names it.
 */
public record ServedSepp(String name, List<PlmnId> plmnIds, X509Certificate trustAnchor, Optional<NextHop> nextHop) {
    public ServedSepp {
        Objects.requireNonNull(name, "name");
        plmnIds = List.copyOf(plmnIds);
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        Objects.requireNonNull(nextHop, "nextHop");
    }

    /**
     * Where the SEPP's N32-f server is.
     *
     * @param authority {@code fqdn:port} as the sending SEPP writes it in {@code :authority} (lowercase); the FQDN
     *     is also the name the SEPP's certificate must carry
     * @param address where to connect
     */
    public record NextHop(String authority, InetSocketAddress address) {
        public NextHop {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(address, "address");
        }

        public String fqdn() {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
    }

    @Override
    public String toString() {
        return "ServedSepp[" + name + ", " + plmnIds + "]";
    }
}
