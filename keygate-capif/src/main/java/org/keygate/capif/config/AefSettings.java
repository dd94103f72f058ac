package org.keygate.capif.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An AEF's validated settings ({@code keygate capif aef --config}). YAML:
 *
 * <pre>
 * ccf: ccf.example.org:8443          # the CCF (CAPIF-3)
 * ccfName: ccf.example.org           # the name in its certificate (default: the host of ccf)
 * ccfCa: ca.crt                      # the CCF's CA certificate
 * registrationSecretFile: regsec.txt # regSec, to register the provider domain on first start
 * stateDir: aef-state                # the domain's function credentials and the published apiId, kept
 * host: 127.0.0.1                    # IPv4 address the CAPIF-2e listener binds and publishes
 * port: 9443                         # CAPIF-2e port (0: any)
 * securityApiPort: 9444              # AEF_Security API port (0: any)
 * apiPrefix: /nef-demo
 * apiName: nef-demo
 * admin: 127.0.0.1:9091              # optional: GET /healthz and /metrics (Prometheus), cleartext, no auth
 * http2: {streamWindowBytes: 1048576, connectionWindowBytes: 8388608}   # optional: HTTP/2 windows
 * shutdown: {drainTimeout: 20s}     # optional: a stop answers the accepted requests for at most this long
 * </pre>
 */
public record AefSettings(InetSocketAddress ccf, String ccfName, Path ccfCa, String registrationSecret, Path stateDir,
        String host, int port, int securityApiPort, String apiPrefix, String apiName,
        Optional<InetSocketAddress> admin, org.keygate.sbi.h2.H2Settings h2, java.time.Duration drainTimeout) {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record Raw(String ccf, String ccfName, String ccfCa, String registrationSecretFile, String stateDir, String host,
            Integer port, Integer securityApiPort, String apiPrefix, String apiName, String admin,
            Http2Windows.Raw http2, Shutdown.Raw shutdown) {}

    public static AefSettings load(Path file) {
        Raw raw;
        try {
            raw = YAML.readValue(Files.readAllBytes(file), Raw.class);
        } catch (JsonMappingException e) {
            throw new CapifConfigException(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CapifConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (raw == null) {
            throw new CapifConfigException(file + ": empty");
        }
        Path base = file.toAbsolutePath().getParent();
        int colon = raw.ccf() == null ? -1 : raw.ccf().lastIndexOf(':');
        InetSocketAddress ccf;
        try {
            ccf = new InetSocketAddress(raw.ccf().substring(0, colon), Integer.parseInt(raw.ccf().substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new CapifConfigException(file + ": ccf: " + raw.ccf() + " (expected: host:port)");
        }
        require(file, "ccfCa", raw.ccfCa());
        require(file, "registrationSecretFile", raw.registrationSecretFile());
        require(file, "stateDir", raw.stateDir());
        require(file, "host", raw.host());
        require(file, "apiName", raw.apiName());
        if (!raw.host().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new CapifConfigException(file + ": host: " + raw.host() + " (expected: an IPv4 address)");
        }
        String prefix = raw.apiPrefix() == null ? "" : raw.apiPrefix();
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            throw new CapifConfigException(file + ": apiPrefix: " + prefix + " (expected: empty or starting with /)");
        }
        // TLS to the CCF checks its certificate's DNS names (RFC 6125): an IP address never matches one.
        if (raw.ccfName() == null && ccf.getHostString().matches("[0-9.]+|.*:.*")) {
            throw new CapifConfigException(file + ": ccfName: missing (ccf is the address " + ccf.getHostString()
                    + "; give the DNS name in the CCF's certificate, the first of its serverNames)");
        }
        Path ccfCa = base.resolve(raw.ccfCa());
        try {
            org.keygate.tls.jsse.PemFiles.readCertificates(ccfCa);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new CapifConfigException(file + ": ccfCa: " + (Files.exists(ccfCa) ? ccfCa
                    + " holds no PEM certificate" : ccfCa + " does not exist (the CCF's stateDir/ca.crt)"));
        }
        String secret;
        try {
            secret = Files.readString(base.resolve(raw.registrationSecretFile()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CapifConfigException(file + ": registrationSecretFile: cannot read "
                    + base.resolve(raw.registrationSecretFile()));
        }
        return new AefSettings(ccf, raw.ccfName() == null ? ccf.getHostString() : raw.ccfName(),
                ccfCa, secret, base.resolve(raw.stateDir()), raw.host(), port(file, "port",
                raw.port()), port(file, "securityApiPort", raw.securityApiPort()), prefix, raw.apiName(),
                Optional.ofNullable(raw.admin()).map(a -> CcfSettings.hostPort(file, "admin", a)),
                Http2Windows.of(file, raw.http2()), Shutdown.drainTimeout(file, raw.shutdown()));
    }

    /**
     * Refuses {@code this}, read from {@code file} for a reload, when it changes what only a restart can (issue 18,
     * docs/CAPIF.md "Reload"): the listeners and what they publish (host, ports, apiPrefix: the AEFPSK of every
     * invoker is derived over the interface), the state, the HTTP/2 windows, and the CCF as the AEF reaches it
     * ({@code ccf}, {@code ccfName}: the kept CAPIF-3 connection is addressed and its certificate's name checked with
     * them). A reload applies apiName, shutdown.drainTimeout and ccfCa (its certificates, read again: a CA roll-over
     * rewrites the same file).
     *
     * @throws CapifConfigException naming the first such member, its new and its running value
     */
    public void checkReloadable(Path file, AefSettings running) {
        new RestartOnly(file, "AEF").same("ccf", running.ccf, ccf)
                .same("ccfName", running.ccfName, ccfName)
                .same("stateDir", running.stateDir, stateDir).same("host", running.host, host)
                .same("port", running.port, port).same("securityApiPort", running.securityApiPort, securityApiPort)
                .same("apiPrefix", running.apiPrefix, apiPrefix)
                .same("admin", running.admin.orElse(null), admin.orElse(null)).same("http2", running.h2, h2);
    }

    /**
     * The CA certificates in ccfCa, all of them: during the CCF's CA roll-over the file holds the old and the new
     * (docs/CAPIF.md "CA roll-over"), and the AEF trusts both.
     *
     * @throws CapifConfigException when the file cannot be read or holds no PEM certificate (as {@link #load})
     */
    public java.util.List<java.security.cert.X509Certificate> ccfCaCertificates(Path file) {
        try {
            java.util.List<java.security.cert.X509Certificate> cas = org.keygate.tls.jsse.PemFiles
                    .readCertificates(ccfCa);
            if (cas.isEmpty()) {
                throw new java.security.cert.CertificateException("none");
            }
            return cas;
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new CapifConfigException(file + ": ccfCa: " + ccfCa + " holds no PEM certificate");
        }
    }

    private static void require(Path file, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new CapifConfigException(file + ": " + name + ": missing");
        }
    }

    private static int port(Path file, String name, Integer value) {
        if (value == null || value < 0 || value > 65535) {
            throw new CapifConfigException(file + ": " + name + ": " + value + " (expected: 0..65535)");
        }
        return value;
    }

    /** The secret never prints. */
    @Override
    public String toString() {
        return "AefSettings[ccf=" + ccf + ", host=" + host + ", port=" + port + ", apiPrefix=" + apiPrefix
                + ", apiName=" + apiName + ", drainTimeout=" + drainTimeout + "]";
    }
}
