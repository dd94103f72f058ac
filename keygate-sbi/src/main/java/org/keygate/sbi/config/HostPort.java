package org.keygate.sbi.config;

import java.net.InetSocketAddress;

/** {@code host:port} or {@code [ipv6]:port}, as listeners and peers are written in the configuration. */
public final class HostPort {
    private HostPort() {}

    public static InetSocketAddress parse(String field, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(field, text, "host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(field, text, "host:port with a numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(field, text, "a port 0..65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigException(field, text, "a host name that resolves, or an IP address");
        }
        return address;
    }
}
