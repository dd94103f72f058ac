package org.keygate.ims.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import org.keygate.tls.expiry.CertificateFinding;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * Reading one daemon file: Jackson YAML into a raw record (unknown members refused), then checks that name the member
 * by its path ({@code kms.address}, {@code users[1].pskFile}). Relative paths are relative to the file's directory.
 */
final class ImsYaml {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    final Path file;
    final Path base;

    private ImsYaml(Path file) {
        this.file = file;
        this.base = file.toAbsolutePath().getParent();
    }

    static <T> T read(Path file, Class<T> raw) {
        T value;
        try {
            value = YAML.readValue(Files.readAllBytes(file), raw);
        } catch (JsonMappingException e) {
            String member = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new ImsConfigException(file + ": " + (member.isEmpty() ? "" : member + ": ") + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImsConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (value == null) {
            throw new ImsConfigException(file + ": empty");
        }
        return value;
    }

    static ImsYaml of(Path file) {
        return new ImsYaml(file);
    }

    ImsConfigException error(String member, Object value, String expected) {
        return new ImsConfigException(file + ": " + member + ": " + value + " (expected: " + expected + ")");
    }

    <T> T required(String member, T value, String expected) {
        if (value == null) {
            throw new ImsConfigException(file + ": " + member + ": missing (expected: " + expected + ")");
        }
        return value;
    }

    InetSocketAddress hostPort(String member, String text) {
        required(member, text, "host:port");
        int colon = text.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""), port);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(member, text, "host:port, port 0..65535");
    }

    String sipUri(String member, String text) {
        required(member, text, "a sip:user@domain URI");
        if (!text.matches("sip:[^@\\s]+@[A-Za-z0-9.-]+")) {
            throw error(member, text, "a sip:user@domain URI");
        }
        return text;
    }

    Duration duration(String member, String text, Duration dflt, Duration min, Duration max) {
        if (text == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw error(member, text, "an ISO-8601 duration from " + min + " to " + max + ", e.g. PT5M");
    }

    int range(String member, Integer value, int dflt, int min, int max) {
        int v = value == null ? dflt : value;
        if (v < min || v > max) {
            throw error(member, v, min + ".." + max);
        }
        return v;
    }

    Path path(String text) {
        return base.resolve(text);
    }

    /** A secret in its own file, as hex (e.g. {@code openssl rand -hex 32}); the value never appears in errors. */
    SecretBytes hexSecret(String member, String fileName, int minOctets, int maxOctets) {
        required(member, fileName, "a file holding the key in hex");
        Path p = path(fileName);
        byte[] octets;
        try {
            octets = HexFormat.of().parseHex(Files.readString(p, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new ImsConfigException(file + ": " + member + ": cannot read " + p);
        } catch (IllegalArgumentException e) {
            throw new ImsConfigException(file + ": " + member + ": " + p + " is not hex");
        }
        if (octets.length < minOctets || octets.length > maxOctets) {
            throw new ImsConfigException(file + ": " + member + ": " + p + " holds " + octets.length
                    + " octets (expected: " + minOctets + ".." + maxOctets + ")");
        }
        try {
            return SecretBytes.copyOf(octets);
        } finally {
            java.util.Arrays.fill(octets, (byte) 0);
        }
    }

    /** The {@code tls} block: own certificate chain and key (PEM), and the IMS CA certificates trusted. */
    TlsFiles tls(String member, RawTls raw) {
        required(member, raw, "certificate, key and trustAnchors");
        required(member + ".certificate", raw.certificate(), "a PEM certificate chain file");
        required(member + ".key", raw.key(), "a PEM private key file");
        if (raw.trustAnchors() == null || raw.trustAnchors().isEmpty()) {
            throw error(member + ".trustAnchors", raw.trustAnchors(), "one or more PEM CA certificate files");
        }
        TlsKeyMaterial own;
        try {
            own = TlsKeyMaterial.load(path(raw.certificate()), path(raw.key()));
        } catch (Exception e) {
            throw new ImsConfigException(file + ": " + member + ".certificate/key: " + e.getMessage());
        }
        List<java.security.cert.X509Certificate> anchors = new java.util.ArrayList<>();
        for (int i = 0; i < raw.trustAnchors().size(); i++) {
            try {
                anchors.addAll(PemFiles.readCertificates(path(raw.trustAnchors().get(i))));
            } catch (Exception e) {
                throw new ImsConfigException(file + ": " + member + ".trustAnchors[" + i + "]: " + e.getMessage());
            }
        }
        return new TlsFiles(own, List.copyOf(anchors));
    }

    record RawTls(String certificate, String key, List<String> trustAnchors) {}

    /** The {@code shutdown} block every IMS daemon's file may carry. */
    record RawShutdown(String drainTimeout) {}

    /**
     * {@code shutdown.drainTimeout}: how long a stop (SIGTERM) lets what is in progress finish (issue 18, docs/IMS.md
     * "Stopping"), {@link #DEFAULT_DRAIN_TIMEOUT} when absent.
     */
    Duration drainTimeout(RawShutdown raw) {
        return duration("shutdown.drainTimeout", raw == null ? null : raw.drainTimeout(), DEFAULT_DRAIN_TIMEOUT,
                MIN_DRAIN_TIMEOUT, MAX_DRAIN_TIMEOUT);
    }

    /** As the SEPP's and the CCF's default: well above a KMS exchange or an INVITE's, below systemd's 90 s stop. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** Zero would not mean "no drain" but a stop that cuts everything: refused rather than guessed at. */
    static final Duration MIN_DRAIN_TIMEOUT = Duration.ofMillis(100);
    /** A stop an init system waits on must end. */
    static final Duration MAX_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    /** Loaded TLS material; the key never prints. */
    public record TlsFiles(TlsKeyMaterial own, List<java.security.cert.X509Certificate> trustAnchors) {
        /** The certificates expired or expiring within 30 days at {@code now} ({@code --check}, issue 18). */
        public List<CertificateFinding> expiryFindings(java.time.Instant now) {
            // Named as the gauges keygate_tls_certificate_expiry_seconds name them: the chain leaf first, then the
            // anchors in file order.
            List<CertificateFinding> out = new java.util.ArrayList<>();
            for (int i = 0; i < own.chain().size(); i++) {
                CertificateFinding.addIfNotValid(out, "tls.certificate[" + i + "]", own.chain().get(i), now);
            }
            for (int i = 0; i < trustAnchors.size(); i++) {
                CertificateFinding.addIfNotValid(out, "tls.trustAnchors[" + i + "]", trustAnchors.get(i), now);
            }
            return out;
        }

        @Override
        public String toString() {
            return "TlsFiles[" + own.leaf().getSubjectX500Principal() + ", " + trustAnchors.size() + " anchors]";
        }
    }
}
