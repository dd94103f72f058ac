package org.keygate.capif.model;

import java.util.List;
import org.keygate.crypto.capif.AefInterfaceId;

/**
 * TS 29.222 8.2.4.2.3 InterfaceDescription: where an AEF serves a service API (exactly one of ipv4Addr, ipv6Addr,
 * fqdn) and the security methods that interface supports (taking precedence over the AefProfile's).
 */
public record InterfaceDescription(String ipv4Addr, String ipv6Addr, String fqdn, Integer port, String apiPrefix,
        List<SecurityMethod> securityMethods) {
    public InterfaceDescription {
        securityMethods = securityMethods == null ? null : List.copyOf(securityMethods);
    }

    public static InterfaceDescription ipv4(String addr, int port, String apiPrefix, List<SecurityMethod> methods) {
        return new InterfaceDescription(addr, null, null, port, apiPrefix, methods);
    }

    /** The host as the schema's oneOf allows it: the one address or name present, or null if none or several. */
    public String host() {
        int n = (ipv4Addr != null ? 1 : 0) + (ipv6Addr != null ? 1 : 0) + (fqdn != null ? 1 : 0);
        if (n != 1) {
            return null;
        }
        return ipv4Addr != null ? ipv4Addr : ipv6Addr != null ? ipv6Addr : fqdn;
    }

    /** P0 of the AEFPSK derivation (DESIGN.md); the port is required for it. */
    public AefInterfaceId aefInterfaceId() {
        if (host() == null || port == null) {
            throw new IllegalArgumentException("interface: one of ipv4Addr, ipv6Addr, fqdn and a port are needed");
        }
        return new AefInterfaceId(host(), port, apiPrefix == null ? "" : apiPrefix);
    }
}
