package org.keygate.capif.ccf;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CertificateExpiry;
import org.keygate.capif.ca.CsrException;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.notify.NotificationDelivery;
import org.keygate.capif.notify.NotificationSockets;
import org.keygate.capif.notify.RetryPolicy;
import org.keygate.capif.store.CapifStore;
import org.keygate.capif.tls.CapifTls;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sbi.server.ServerDrain;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.ClientAuth;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * The CAPIF core function: the CAPIF APIs of TS 29.222 (invoker management, provider management, publish,
 * discover, security, access control policy, events, invocation logging, auditing) on one {@link SbiServer} over the Bouncy Castle TLS handler (h2, or
 * HTTP/1.1 by ALPN or without it), state in a {@link CapifStore}, its own CA.
 *
 * <p>Lifecycle: {@link #builder()}, {@link #start()}, {@link #close()} (a draining stop: the listener stops
 * accepting, GOAWAY, the accepted requests answered for at most the drain timeout; the store is the caller's). The CCF's TLS server certificate is issued by its CA at start for {@code serverNames}.
 */
public final class CapifCoreFunction implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CapifCoreFunction.class);
    private final Builder config;
    private final CcfContext context;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    /** What a reload replaces; each request reads it once (docs/CAPIF.md "Reload"). */
    private volatile CcfPolicy policy;
    private SbiServer server;
    private NotificationDelivery notifications;
    private NotificationSockets sockets;
    private java.util.concurrent.ScheduledExecutorService expiryTimer;

    private CapifCoreFunction(Builder b) throws GeneralSecurityException {
        this.config = b;
        this.policy = new CcfPolicy(b.policy, b.registrationSecret, b.onboardingCredentialRequired,
                b.ca.issuedLifetime(), b.drainTimeout);
        this.context = new CcfContext(new AefPskKeys(java.util.Optional.ofNullable(b.aefPskFiles)));
        CsrRequester own = CsrRequester.create("ccf");
        this.keyPair = own.keyPair();
        try {
            this.certificate = b.ca.issueClient(own.csrPem(), "ccf", b.serverNames);
        } catch (CsrException e) {
            throw new GeneralSecurityException("cannot issue the CCF's own certificate: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds; the API root becomes {@code https://<first server name>:<port>}. */
    public CapifCoreFunction start() throws GeneralSecurityException {
        CcfState state = new CcfState(config.store);
        // Issue 20: the keys of security contexts made before a restart, so the AEF's lookups are answered at once.
        int restored = context.pskKeys().restore(id -> state.securityContexts.get(id).map(c -> c.entries().stream()
                .anyMatch(e -> SecurityMethod.PSK.equals(e.selSecurityMethod()))).orElse(false));
        if (config.aefPskFiles != null) {
            LOG.info("CCF: AEFPSKs of {} invokers restored from {}", restored, config.aefPskFiles.directory());
        }
        io.micrometer.core.instrument.Gauge.builder("keygate_capif_aefpsk_invokers", context.pskKeys(),
                AefPskKeys::size).description("Invokers whose AEFPSKs the CCF holds").register(config.meters);
        SSLContext ssl = sslContext();
        notifications = new NotificationDelivery(ssl, config.notificationRetry, config.meters);
        // Zero counts from the start, so a dashboard shows the series before the first notification.
        HttpNotifier.KINDS.forEach(notifications::register);
        sockets = new NotificationSockets(config.meters);
        List.of("EventNotification", "TestNotification").forEach(sockets::register);
        CertificateExpiry.register(config.meters, "ca", config.ca.certificate());
        CertificateExpiry.register(config.meters, "ccf", certificate);
        // Seconds left and the WARN lines at 30, 7 and 1 days, as a SEPP's certificates (issue 13 item 6).
        expiryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ccf-certificate-expiry");
            t.setDaemon(true);
            return t;
        });
        var expiry = new org.keygate.tls.expiry.CertificateExpiry(config.meters, config.clock);
        expiry.watch("anchor", "ca", config.ca.certificate());
        config.ca.previous().ifPresent(p -> expiry.watch("anchor", "ca-previous", p));
        expiry.watch("own", "ccf", certificate);
        expiry.start(expiryTimer);
        HttpNotifier notifier = new HttpNotifier(notifications, sockets);
        CapifEvents events = new CapifEvents(state, notifier);
        CcfRouter router = new CcfRouter(List.of(
                new InvokerManagement(state, config.ca, context, () -> policy.onboardingCredentialRequired(),
                        notifier, events, config.clock),
                new ProviderManagement(state, config.ca, context, () -> policy.registrationSecret()),
                new PublishService(state, context, events),
                new DiscoverService(state),
                new SecurityService(state, context, () -> policy.securityMethods(), config.secrets, notifier,
                        new TokenEndpoint(state, new AccessTokens(identity(), config.clock)), events),
                new AccessControlPolicyService(state),
                new EventsService(state, context, notifier),
                new LoggingService(state, context, config.maxStoredInvocationLogs),
                new AuditingService(state)), executor, config.observer);
        // CAPIF-1e and CAPIF-3 (TS 33.122 6.1, 6.3): certificate TLS on the BC handler, which gives the TLS 1.2
        // master secret and a 32-octet session ID for AEFPSK. Client certificates are asked for, not required
        // (onboarding has none yet); one that does not chain to the CCF's CA fails the handshake.
        BcTlsServerConfig tls = BcTlsServerConfig.builder()
                .keyMaterial(identity())
                .clientAuth(ClientAuth.OPTIONAL, config.ca.trustAnchors())
                .captureMasterSecret(true).build();
        // TS 29.222 7.6: notification WebSockets on this same listener, HTTP/1.1 (RFC 6455 4.1).
        server = SbiServer.builder().name("ccf").bind(config.bind).bcTls(tls).h2(config.h2).handler(router)
                .http1Upgrade(new NotificationSocketUpgrade(state, context, sockets)).build().start();
        context.apiRoot("https://" + config.serverNames.getFirst() + ":" + server.localAddress().getPort());
        return this;
    }

    /** The CCF's JSSE context: its certificate, trust in its CA only. Also its client identity on CAPIF-3. */
    public SSLContext sslContext() throws GeneralSecurityException {
        return CapifTls.context(keyPair.getPrivate(), config.ca.chain(certificate), config.ca.trustAnchors());
    }

    /** The CCF's own TLS certificate (CN {@code ccf}, its serverNames), issued by the current CA at construction. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CCF's own key and certificate (CN {@code ccf}): its client identity when it calls an AEF (CAPIF-3). */
    public TlsKeyMaterial identity() {
        return new TlsKeyMaterial(keyPair.getPrivate(), config.ca.chain(certificate));
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    public CcfCertificateAuthority ca() {
        return config.ca;
    }

    /** Where the CCF counts (notification deliveries, see {@link NotificationDelivery}). */
    public MeterRegistry meters() {
        return config.meters;
    }

    /**
     * Replaces the CCF's policy (issue 18, docs/CAPIF.md "Reload"): the next request reads the new one, a request in
     * progress finishes under the one it started with; the CA issues with the new lifetime from now on. What the
     * listener and the CA were built with (address, names, HTTP/2 windows, state) stays until a restart.
     */
    public void reload(CcfPolicy next) {
        config.ca.issuedLifetime(Objects.requireNonNull(next, "next").issuedLifetime());
        this.policy = next;
        LOG.info("CCF: policy reloaded: {}", next);
    }

    /** The policy the CCF runs with now. */
    public CcfPolicy policy() {
        return policy;
    }

    /** Whether the CCF still holds the CAPIF-1e master secret of {@code invokerId} (it must not, once derived). */
    public boolean holdsMasterSecret(String invokerId) {
        return context.pskKeys().holdsMasterSecret(invokerId);
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Once; a second call (an owner closing what a test or a shutdown hook closed already) does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // the listener's event loops are gone: draining it again would be refused
        }
        if (expiryTimer != null) {
            expiryTimer.shutdownNow();
        }
        if (sockets != null) {
            sockets.close();
        }
        if (server != null) {
            // Issue 18: what the CCF took is answered (an onboarding in progress gets its certificate) before the
            // listener closes; the handlers' executor and the notification client are still open meanwhile.
            ServerDrain.drain("CCF", List.of(server), policy.drainTimeout());
            server.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        executor.close();
    }

    /** Invocation log entries kept by default: some tens of MiB in the store, an audit scans them in well under a second. */
    public static final long DEFAULT_MAX_STORED_INVOCATION_LOGS = 100_000;

    /** Settings, checked as given; {@link #build()} refuses missing ones. */
    public static final class Builder {
        private InetSocketAddress bind;
        private org.keygate.sbi.h2.H2Settings h2 = org.keygate.sbi.h2.H2Settings.DEFAULT;
        private CapifStore store;
        private CcfCertificateAuthority ca;
        private List<String> serverNames = List.of("localhost");
        private List<SecurityMethod> policy = List.of(SecurityMethod.PSK, SecurityMethod.PKI, SecurityMethod.OAUTH);
        private String registrationSecret;
        private Capif1eSecrets secrets = Capif1eSecrets.BC_SESSION;
        private CcfExchangeObserver observer = CcfExchangeObserver.NONE;
        private MeterRegistry meters = new SimpleMeterRegistry();
        private RetryPolicy notificationRetry = RetryPolicy.DEFAULT;
        private boolean onboardingCredentialRequired;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private long maxStoredInvocationLogs = DEFAULT_MAX_STORED_INVOCATION_LOGS;
        private java.time.Duration drainTimeout = java.time.Duration.ofSeconds(20);
        private org.keygate.capif.store.AefPskFiles aefPskFiles;

        private Builder() {}

        /**
         * Where AEFPSKs are kept across restarts (the daemon: {@code stateDir/aefpsk}); without it they live in memory
         * only and a restarted CCF answers {@code AEFPSK_UNAVAILABLE} until the invoker requests security again. With
         * it, every AEFPSK of a selection is derived when it is made (the master secret never reaches the disk).
         */
        public Builder aefPskFiles(org.keygate.capif.store.AefPskFiles files) {
            this.aefPskFiles = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * Invocation log entries (TS 29.222 8.7.4.2.3 Log) the store keeps at most; an AEF logging beyond them is
         * refused with INSUFFICIENT_RESOURCES (500) until an operator makes room. Default
         * {@value #DEFAULT_MAX_STORED_INVOCATION_LOGS}.
         */
        public Builder maxStoredInvocationLogs(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxStoredInvocationLogs: " + max + " (expected: at least 1)");
            }
            this.maxStoredInvocationLogs = max;
            return this;
        }

        /**
         * Whether onboarding needs an {@link org.keygate.capif.ca.OnboardingCredential} (TS 29.222 5.5.2.2 NOTE 4).
         * Default false for embedding and tests; {@code keygate capif ccf} requires one unless configured open. A
         * credential presented is checked either way, and its API list applies.
         */
        public Builder onboardingCredentialRequired(boolean required) {
            this.onboardingCredentialRequired = required;
            return this;
        }

        /**
         * The clock onboarding credentials and access tokens are checked and issued against, and certificate expiry
         * measured with.
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The HTTP/2 windows the CCF's listener advertises. */
        /** How long {@link #close} answers the requests in progress (default 20 s, as a SEPP's). */
        public Builder drainTimeout(java.time.Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("drainTimeout: " + timeout + " (expected: > 0)");
            }
            this.drainTimeout = timeout;
            return this;
        }

        public Builder h2(org.keygate.sbi.h2.H2Settings settings) {
            this.h2 = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder bind(InetSocketAddress bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        public Builder store(CapifStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder ca(CcfCertificateAuthority ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        /** DNS names of the CCF's TLS certificate; the first is the host of its API root. */
        public Builder serverNames(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("serverNames: empty (expected: at least one DNS name)");
            }
            this.serverNames = List.copyOf(names);
            return this;
        }

        /** The security methods the CCF allows (local policy, TS 33.122 5.2.1). */
        public Builder securityMethods(List<SecurityMethod> methods) {
            if (methods.isEmpty() || !methods.stream().allMatch(SecurityMethod::known)) {
                throw new IllegalArgumentException("securityMethods: " + methods + " (expected: some of PSK, PKI, OAUTH)");
            }
            this.policy = List.copyOf(methods);
            return this;
        }

        /** The {@code regSec} provider domains must present to register (TS 29.222 8.9.4.2.2). */
        public Builder registrationSecret(String secret) {
            if (secret.length() < 16) {
                throw new IllegalArgumentException("registrationSecret: too short (expected: >= 16 characters)");
            }
            this.registrationSecret = secret;
            return this;
        }

        /** Where the CAPIF-1e session secrets come from; by default the BC TLS handler's TLS 1.2 sessions. */
        public Builder capif1eSecrets(Capif1eSecrets secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** Sees each request and answer (see {@link CcfExchangeObserver}). */
        public Builder observer(CcfExchangeObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** Where to count (default: a registry of its own, read through {@link CapifCoreFunction#meters()}). */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** How notifications are retried (default {@link RetryPolicy#DEFAULT}). */
        public Builder notificationRetry(RetryPolicy retry) {
            this.notificationRetry = Objects.requireNonNull(retry, "notificationRetry");
            return this;
        }

        public CapifCoreFunction build() throws GeneralSecurityException {
            if (bind == null || store == null || ca == null || registrationSecret == null) {
                throw new IllegalStateException("bind, store, ca and registrationSecret are required");
            }
            return new CapifCoreFunction(this);
        }
    }
}
