package org.keygate.sbi.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.jsse.TlsProvider;
import org.keygate.tls.plmn.PlmnId;

/**
 * Reads a node's YAML file (a SEPP's, an IPX node's) and checks the members they share: listeners, TLS key material,
 * HTTP/2 windows, durations, FQDNs, PLMN IDs. Every failure names the member's path, the value and what was expected;
 * unknown members are refused; file paths are relative to the configuration file's directory.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** {@code tls.protocols} when absent, and the only values it may list. */
    public static final List<String> DEFAULT_TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Path baseDir;

    /** For the members of the file in {@code baseDir} that name other files. */
    public ConfigReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The file as written ({@code type}, a record of its members), before validation. */
    public static <T> T read(Path file, Class<T> type) {
        T raw;
        try {
            raw = YAML.readValue(Files.readAllBytes(file), type);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + path(e) + ": " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new ConfigException(file + ": empty configuration");
        }
        return raw;
    }

    /** {@code tls.protocols}: a subset of {@link #DEFAULT_TLS_PROTOCOLS}, which it is when absent. */
    public static List<String> tlsProtocols(RawTls tls) {
        List<String> protocols = tls.protocols() == null ? DEFAULT_TLS_PROTOCOLS : tls.protocols();
        for (int i = 0; i < protocols.size(); i++) {
            if (!DEFAULT_TLS_PROTOCOLS.contains(protocols.get(i))) {
                throw new ConfigException("tls.protocols[" + i + "]", protocols.get(i), "TLSv1.3 or TLSv1.2");
            }
        }
        return protocols;
    }

    /**
     * {@code tls.provider}: {@code jdk} or {@code openssl} for the data path (N32-f, the SBI, the IPX node's hops; N32-c
     * is always on the JDK's engine), resolved by {@link TlsProvider#resolve}: {@code openssl} where BoringSSL cannot
     * load is refused, naming the cause; absent, the default.
     */
    public static TlsProvider tlsProvider(RawTls tls) {
        Optional<TlsProvider> named = Optional.empty();
        if (tls.provider() != null) {
            named = Optional.of(TlsProvider.byName(tls.provider()).orElseThrow(() ->
                    new ConfigException("tls.provider", tls.provider(), "jdk or openssl")));
        }
        try {
            return TlsProvider.resolve(named);
        } catch (IllegalStateException e) {
            throw new ConfigException("tls.provider", tls.provider(), "jdk: " + e.getMessage());
        }
    }

    /** A listener ({@code n32c}, {@code n32f}, {@code admin}, ...): address, body and stream limits, connections. */
    public ListenerConfig listener(String field, RawListener l) {
        var address = HostPort.parse(field + ".listen", required(field + ".listen", l.listen()));
        int body = l.maxRequestBodyBytes() == null ? ListenerConfig.DEFAULT_MAX_REQUEST_BODY_BYTES : l.maxRequestBodyBytes();
        if (body < 1 || body > ListenerConfig.MAX_REQUEST_BODY_BYTES_LIMIT) {
            throw new ConfigException(field + ".maxRequestBodyBytes", body,
                    "1.." + ListenerConfig.MAX_REQUEST_BODY_BYTES_LIMIT);
        }
        int streams = l.maxConcurrentStreams() == null
                ? ListenerConfig.DEFAULT_MAX_CONCURRENT_STREAMS : l.maxConcurrentStreams();
        if (streams < 1 || streams > 10_000) {
            throw new ConfigException(field + ".maxConcurrentStreams", streams, "1..10000");
        }
        int connections = l.maxConnections() == null ? ListenerConfig.DEFAULT_MAX_CONNECTIONS : l.maxConnections();
        if (connections < 1 || connections > 100_000) {
            throw new ConfigException(field + ".maxConnections", connections, "1..100000");
        }
        if (l.tls() != null && !field.equals("sbi")) {
            throw new ConfigException(field + ".tls", l.tls(), "no member here: only sbi.tls chooses (N32 is always TLS)");
        }
        return new ListenerConfig(address, body, streams,
                positive(field + ".idleTimeout", l.idleTimeout(), ListenerConfig.DEFAULT_IDLE_TIMEOUT), connections,
                limits(field, l, connections), l.tls() != null && l.tls());
    }

    private ListenerLimits limits(String field, RawListener l, int connections) {
        int perSource = l.maxConnectionsPerSource() == null
                ? ListenerLimits.DEFAULT_MAX_CONNECTIONS_PER_SOURCE : l.maxConnectionsPerSource();
        if (perSource < 1 || perSource > connections) {
            throw new ConfigException(field + ".maxConnectionsPerSource", perSource, "1.." + connections
                    + " (maxConnections)");
        }
        if (l.reservedConnections() != null && (l.reservedConnections() < 0 || l.reservedConnections() >= connections)) {
            throw new ConfigException(field + ".reservedConnections", l.reservedConnections(), "0.." + (connections - 1)
                    + " (below maxConnections)");
        }
        List<java.net.InetAddress> known = new java.util.ArrayList<>();
        List<String> raw = l.knownSources() == null ? List.of() : l.knownSources();
        for (int i = 0; i < raw.size(); i++) {
            known.add(ipLiteral(field + ".knownSources[" + i + "]", raw.get(i)));
        }
        return new ListenerLimits(perSource, Optional.ofNullable(l.reservedConnections()),
                positive(field + ".handshakeTimeout", l.handshakeTimeout(), ListenerLimits.DEFAULT_HANDSHAKE_TIMEOUT),
                positive(field + ".idleTimeoutNearLimit", l.idleTimeoutNearLimit(),
                        ListenerLimits.DEFAULT_IDLE_TIMEOUT_NEAR_LIMIT), known);
    }

    /** An IP address written as such: a source address is matched exactly, a host name would be looked up once. */
    private static java.net.InetAddress ipLiteral(String field, String text) {
        String t = text == null ? "" : text.strip();
        boolean literal = t.matches("[0-9.]+") || t.contains(":");
        try {
            if (literal) {
                return java.net.InetAddress.getByName(t.startsWith("[") ? t.substring(1, t.length() - 1) : t);
            }
        } catch (java.net.UnknownHostException e) {
            // refused below
        }
        throw new ConfigException(field, text, "an IPv4 or IPv6 address");
    }

    /**
     * {@code http2}: the windows every listener and client of the node advertises (RFC 9113 6.9.2). At least the
     * protocol's 65,535 octets, at most 2^31-1 (RFC 9113 6.9.1); a connection window below the stream window would
     * let one answer fill the connection, so it is refused.
     */
    public static H2Settings h2(RawHttp2 raw) {
        if (raw == null) {
            return H2Settings.DEFAULT;
        }
        int stream = raw.streamWindowBytes() == null ? H2Settings.DEFAULT.initialStreamWindowBytes()
                : raw.streamWindowBytes();
        int connection = raw.connectionWindowBytes() == null ? Math.max(stream, H2Settings.DEFAULT.connectionWindowBytes())
                : raw.connectionWindowBytes();
        if (stream < H2Settings.PROTOCOL_DEFAULT_WINDOW) {
            throw new ConfigException("http2.streamWindowBytes", stream,
                    H2Settings.PROTOCOL_DEFAULT_WINDOW + ".." + Integer.MAX_VALUE);
        }
        if (connection < stream) {
            throw new ConfigException("http2.connectionWindowBytes", connection,
                    "at least http2.streamWindowBytes (" + stream + ").." + Integer.MAX_VALUE);
        }
        return new H2Settings(stream, connection);
    }

    /** {@code tls}: the node's certificate chain and private key, loaded now so a wrong file fails at start. */
    public TlsKeyMaterial keyMaterial(RawTls tls) {
        Path chain = file("tls.certificateChain", required("tls.certificateChain", tls.certificateChain()));
        Path key = file("tls.privateKey", required("tls.privateKey", tls.privateKey()));
        try {
            return TlsKeyMaterial.load(chain, key);
        } catch (RuntimeException | java.io.IOException | java.security.GeneralSecurityException e) {
            throw new ConfigException("tls: cannot load " + chain + " / " + key + ": " + e.getMessage(), e);
        }
    }

    /** A file named in the configuration, relative to its directory; it must be readable now. */
    public Path file(String field, String raw) {
        Path p = baseDir.resolve(raw);
        if (!Files.isReadable(p)) {
            throw new ConfigException(field, raw, "a readable file (resolved to " + p + ")");
        }
        return p;
    }

    public static List<PlmnId> plmnIds(String field, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new ConfigException(field, raw, "a list of PLMN IDs such as [\"001-01\"]");
        }
        List<PlmnId> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                out.add(PlmnId.parse(String.valueOf(raw.get(i))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(field + "[" + i + "]", raw.get(i), "MCC-MNC such as 001-01");
            }
        }
        return out.stream().distinct().collect(Collectors.toList());
    }

    public static String fqdn(String field, String value) {
        if (!value.matches("^([0-9A-Za-z]([-0-9A-Za-z]{0,61}[0-9A-Za-z])?\\.)+[A-Za-z]{2,63}\\.?$")) {
            throw new ConfigException(field, value, "an FQDN (TS 29.571 Fqdn)");
        }
        return value;
    }

    /** A positive duration as operators write it ({@link DurationText}), or {@code dflt} when absent. */
    public static Duration positive(String field, String raw, Duration dflt) {
        if (raw == null) {
            return dflt;
        }
        Duration d = DurationText.parse(field, raw);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(field, raw, "a positive duration");
        }
        return d;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "missing", "a value");
        }
        return value;
    }

    /** The member a Jackson error is about, as the file writes it: {@code peers[0].n32c}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(document)" : sb.toString();
    }
}
