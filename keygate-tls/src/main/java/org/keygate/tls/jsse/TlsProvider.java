package org.keygate.tls.jsse;

import io.netty.handler.ssl.OpenSsl;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS engine carries a node's data path (N32-f, its SBI listener and clients, the IPX node's hops): the JDK's
 * own {@code SSLEngine}, or BoringSSL through Netty's tcnative ({@code netty-tcnative-boringssl-static}). N32-c
 * always runs on the JDK's: the N32 master key comes from the JDK 25 exporter (TS 33.501 13.2.2.2, RFC 5705 / RFC 8446
 * 7.5), which Netty's OpenSSL engine does not offer. Both providers are given the same key and trust managers
 * ({@link TlsEngines}), so the PLMN trust checks are the same code on both.
 *
 * <p>The default is chosen by measurement (docs/PERFORMANCE.md, "TLS provider").
 */
public enum TlsProvider {
    JDK("jdk"),
    OPENSSL("openssl");

    /** When {@code tls.provider} is absent: docs/PERFORMANCE.md "TLS provider" says why. */
    public static final TlsProvider DEFAULT = JDK;

    private static final Logger LOG = LoggerFactory.getLogger(TlsProvider.class);
    private final String configName;

    TlsProvider(String configName) {
        this.configName = configName;
    }

    /** As written in a configuration file. */
    public String configName() {
        return configName;
    }

    /** The provider a configuration file names, if it names one. */
    public static Optional<TlsProvider> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    /** Why BoringSSL cannot run in this process (its native library did not load); empty when it can. */
    public static Optional<Throwable> openSslUnavailability() {
        return OpenSsl.isAvailable() ? Optional.empty() : Optional.of(OpenSsl.unavailabilityCause());
    }

    /**
     * The provider a node runs with. A provider named in the file is used or refused: {@code openssl} where its
     * native library cannot load is an error that names the cause (the operator asked for it, running on another
     * engine would hide that). Without a name, {@link #DEFAULT}; were that {@code openssl} and unusable here, the
     * node falls back to {@code jdk} with an ERROR naming the cause, so that it still starts on a platform without
     * the native library.
     *
     * @throws IllegalStateException when {@code configured} is {@code openssl} and BoringSSL cannot load
     */
    public static TlsProvider resolve(Optional<TlsProvider> configured) {
        TlsProvider wanted = configured.orElse(DEFAULT);
        if (wanted == JDK) {
            return JDK;
        }
        Optional<Throwable> why = openSslUnavailability();
        if (why.isEmpty()) {
            return OPENSSL;
        }
        String cause = why.get().getClass().getSimpleName() + ": " + why.get().getMessage();
        if (configured.isPresent()) {
            throw new IllegalStateException("openssl cannot be used here, BoringSSL (netty-tcnative) did not load: "
                    + cause + " (expected: jdk, or a platform with netty-tcnative-boringssl-static: linux-x86_64)");
        }
        LOG.error("TLS provider: the default openssl cannot be used here, BoringSSL (netty-tcnative) did not load: {};"
                + " running on the JDK's TLS engine instead (set tls.provider: jdk to silence this)", cause);
        return JDK;
    }

    /**
     * {@code keygate_tls_provider{plane, provider}} = 1: which engine a node's {@code plane} (n32c, n32f, sbi) runs on,
     * so that a dashboard shows a fleet's mix during a change of provider.
     */
    public void register(io.micrometer.core.instrument.MeterRegistry meters, String plane) {
        io.micrometer.core.instrument.Gauge.builder("keygate_tls_provider", () -> 1)
                .description("the TLS engine of a plane: 1 for the one in use")
                .tags("plane", plane, "provider", configName).register(meters);
    }

    /** What runs, for the start-up log: the provider and, for BoringSSL, its version. */
    public String describe() {
        return this == JDK ? "jdk (" + Runtime.version() + ")" : "openssl (" + OpenSsl.versionString() + ", netty-tcnative)";
    }
}
