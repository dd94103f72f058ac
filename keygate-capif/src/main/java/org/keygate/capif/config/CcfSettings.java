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
import java.util.List;
import java.util.Optional;
import org.keygate.capif.model.SecurityMethod;

/**
 * A CCF's validated settings. YAML:
 *
 * <pre>
 * bind: 0.0.0.0:8443                   # host:port of CAPIF-1e / CAPIF-3
 * stateDir: /var/lib/keygate/ccf       # ca.crt, ca.key and the store ccf.mv (created if absent)
 * serverNames: [ccf.example.org]       # DNS names of the CCF's certificate; the first is its API root's host
 * registrationSecretFile: regsec.txt   # the regSec provider domains present (a file: it is a secret)
 * securityMethods: [PSK, PKI, OAUTH]   # local policy, optional (default all three)
 * admin: 127.0.0.1:9090                # optional: GET /healthz and /metrics (Prometheus), cleartext, no auth
 * onboardingCredentials: required      # or open (anyone may onboard; for labs only); default required
 * http2: {streamWindowBytes: 1048576, connectionWindowBytes: 8388608}   # optional: HTTP/2 windows
 * shutdown: {drainTimeout: 20s}       # optional: a stop answers the accepted requests for at most this long
 * ca: {validityDays: 1095, certificateValidityDays: 365, renewBeforeDays: 400}  # optional: CA lifetimes
 * </pre>
 *
 * Relative paths are relative to the configuration file's directory.
 */
public record CcfSettings(InetSocketAddress bind, Path stateDir, List<String> serverNames, String registrationSecret,
        List<SecurityMethod> securityMethods, Optional<InetSocketAddress> admin, boolean onboardingCredentialRequired,
        org.keygate.sbi.h2.H2Settings h2, org.keygate.capif.ca.CaLifetimes caLifetimes,
        java.time.Duration drainTimeout) {
    /** TS 29.222 leaves regSec to the CCF; under 16 characters it is too guessable. */
    public static final int MIN_REGISTRATION_SECRET_CHARS = 16;

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The file as written. */
    record Raw(String bind, String stateDir, List<String> serverNames, String registrationSecretFile,
            List<String> securityMethods, String admin, String onboardingCredentials, Http2Windows.Raw http2,
            CaLifetimesMember.Raw ca, Shutdown.Raw shutdown) {}

    public static CcfSettings load(Path file) {
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
        InetSocketAddress bind = hostPort(file, "bind", raw.bind());
        Optional<InetSocketAddress> admin = Optional.ofNullable(raw.admin()).map(a -> hostPort(file, "admin", a));
        if (raw.stateDir() == null) {
            throw new CapifConfigException(file + ": stateDir: missing (expected: a directory for the CA and store)");
        }
        if (raw.serverNames() == null || raw.serverNames().isEmpty()
                || !raw.serverNames().stream().allMatch(n -> n != null && n.matches("[A-Za-z0-9.-]{1,253}"))) {
            throw new CapifConfigException(file + ": serverNames: " + raw.serverNames()
                    + " (expected: one or more DNS names)");
        }
        if (raw.registrationSecretFile() == null) {
            throw new CapifConfigException(file + ": registrationSecretFile: missing (expected: a file with regSec)");
        }
        String secret;
        try {
            secret = Files.readString(base.resolve(raw.registrationSecretFile()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CapifConfigException(file + ": registrationSecretFile: cannot read "
                    + base.resolve(raw.registrationSecretFile()));
        }
        if (secret.length() < MIN_REGISTRATION_SECRET_CHARS) {
            throw new CapifConfigException(file + ": registrationSecretFile: the secret has " + secret.length()
                    + " characters (expected: >= " + MIN_REGISTRATION_SECRET_CHARS + ")");
        }
        List<SecurityMethod> methods = raw.securityMethods() == null
                ? List.of(SecurityMethod.PSK, SecurityMethod.PKI, SecurityMethod.OAUTH)
                : raw.securityMethods().stream().map(SecurityMethod::of).toList();
        if (methods.isEmpty() || !methods.stream().allMatch(SecurityMethod::known)) {
            throw new CapifConfigException(file + ": securityMethods: " + raw.securityMethods()
                    + " (expected: some of PSK, PKI, OAUTH)");
        }
        String onboarding = raw.onboardingCredentials() == null ? "required" : raw.onboardingCredentials();
        if (!onboarding.equals("required") && !onboarding.equals("open")) {
            throw new CapifConfigException(file + ": onboardingCredentials: " + onboarding
                    + " (expected: required or open)");
        }
        return new CcfSettings(bind, base.resolve(raw.stateDir()), List.copyOf(raw.serverNames()), secret, methods,
                admin, onboarding.equals("required"), Http2Windows.of(file, raw.http2()),
                CaLifetimesMember.of(file, raw.ca()), Shutdown.drainTimeout(file, raw.shutdown()));
    }

    /**
     * What a reload gives the running CCF ({@link org.keygate.capif.ccf.CapifCoreFunction#reload}): securityMethods,
     * registrationSecretFile, onboardingCredentials, ca.certificateValidityDays and shutdown.drainTimeout.
     */
    public org.keygate.capif.ccf.CcfPolicy policy() {
        return new org.keygate.capif.ccf.CcfPolicy(securityMethods, registrationSecret, onboardingCredentialRequired,
                caLifetimes.issued(), drainTimeout);
    }

    /**
     * Refuses {@code this}, read from {@code file} for a reload, when it changes what only a restart can (issue 18,
     * docs/CAPIF.md "Reload"): the listeners, the state, the names of the CCF's own certificate (issued at start), the
     * HTTP/2 windows (the listener's, set at start, as a SEPP's), and the CA's own lifetimes (read at start only, when
     * the CA is made or rolled over).
     *
     * @throws CapifConfigException naming the first such member, its new and its running value
     */
    public void checkReloadable(Path file, CcfSettings running) {
        new RestartOnly(file, "CCF").same("bind", running.bind, bind).same("stateDir", running.stateDir, stateDir)
                .same("serverNames", running.serverNames, serverNames)
                .same("admin", running.admin.orElse(null), admin.orElse(null)).same("http2", running.h2, h2)
                .same("ca.validityDays", running.caLifetimes.ca().toDays(), caLifetimes.ca().toDays())
                .same("ca.renewBeforeDays", running.caLifetimes.renewBefore().toDays(),
                        caLifetimes.renewBefore().toDays());
    }

    static InetSocketAddress hostPort(Path file, String member, String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new InetSocketAddress(text.substring(0, colon), port);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CapifConfigException(file + ": " + member + ": " + text + " (expected: host:port)");
    }

    /** The secret never prints. */
    @Override
    public String toString() {
        return "CcfSettings[bind=" + bind + ", stateDir=" + stateDir + ", serverNames=" + serverNames
                + ", securityMethods=" + securityMethods + ", admin=" + admin + ", onboardingCredentialRequired=" + onboardingCredentialRequired + ", drainTimeout=" + drainTimeout + "]";
    }
}
