package org.keygate.ims.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keygate.ims.config.ImsYaml.TlsFiles;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.TicketProfile;
import org.keygate.ims.mrfc.MrfcConfig;
import org.keygate.ims.mrfc.PskIdentities;
import org.keygate.sbi.config.RestartOnly;

/**
 * {@code keygate ims mrfc --config mrfc.yaml}, validated. YAML (docs/IMS.md, "mrfc.yaml"):
 *
 * <pre>
 * identity: sip:mrfc@ims.example.org
 * sip: {host: 192.0.2.5, port: 5060, transport: UDP}     # or TCP
 * admin: 127.0.0.1:9402                                 # optional
 * kms:
 *   identity: sip:kms@ims.example.org
 *   address: 192.0.2.7:8443
 *   host: kms.ims.example.org                           # the name in the KMS's certificate (SNI, verification)
 *   pskId: psk-mrfc
 *   pskFile: mrfc.psk                                   # hex, 16..64 octets
 *   timeout: PT5S                                       # optional
 *   probeInterval: PT5S                                 # optional; /healthz's TLS handshake with the KMS
 * tls: {certificate: mrfc.crt, key: mrfc.key, trustAnchors: [ims-ca.crt]}   # toward the KMS
 * mrfp: {control: http://127.0.0.1:8401, bfcpConferenceId: 1, floorIds: [1], pollInterval: PT1S}
 * tlsProtType: 2                                        # optional; docs/IMS.md "Points to agree"
 * pskIdentityFormat: "mikey:{csbId}:{csId}:{spi}"       # optional; idem
 * clockSkew: PT5M                                       # optional
 * shutdown: {drainTimeout: PT20S}                       # optional: INVITEs answered, calls kept, for at most this
 * </pre>
 */
public record MrfcSettings(MrfcConfig node, Optional<InetSocketAddress> admin, InetSocketAddress kmsAddress,
        String kmsHost, KmsCredentials credentials, Duration kmsTimeout, Duration kmsProbeInterval, TlsFiles tls,
        URI mrfpControl, Duration mrfpPollInterval, Duration clockSkew, Duration drainTimeout) {

    record Raw(String identity, RawSip sip, String admin, RawKms kms, ImsYaml.RawTls tls, RawMrfp mrfp,
            Integer tlsProtType, String pskIdentityFormat, String clockSkew, ImsYaml.RawShutdown shutdown) {}

    record RawSip(String host, Integer port, String transport) {}

    record RawKms(String identity, String address, String host, String pskId, String pskFile, String timeout,
            String probeInterval) {}

    record RawMrfp(String control, Long bfcpConferenceId, List<Integer> floorIds, String pollInterval) {}

    public static MrfcSettings load(Path file) {
        Raw raw = ImsYaml.read(file, Raw.class);
        ImsYaml y = ImsYaml.of(file);
        String identity = y.sipUri("identity", raw.identity());
        y.required("sip", raw.sip(), "host, port, transport");
        String sipHost = y.required("sip.host", raw.sip().host(), "the address SIP binds to");
        int sipPort = y.range("sip.port", y.required("sip.port", raw.sip().port(), "a port"), 0, 1, 65535);
        MrfcConfig.SipTransport transport;
        try {
            transport = MrfcConfig.SipTransport.valueOf(raw.sip().transport() == null ? "UDP" : raw.sip().transport());
        } catch (IllegalArgumentException e) {
            throw y.error("sip.transport", raw.sip().transport(), "UDP or TCP");
        }
        Optional<InetSocketAddress> admin = Optional.ofNullable(raw.admin()).map(a -> y.hostPort("admin", a));
        y.required("kms", raw.kms(), "identity, address, host, pskId, pskFile");
        String kmsIdentity = y.sipUri("kms.identity", raw.kms().identity());
        InetSocketAddress kmsAddress = y.hostPort("kms.address", raw.kms().address());
        String kmsHost = y.required("kms.host", raw.kms().host(), "the DNS name in the KMS's certificate");
        if (!kmsHost.matches("[A-Za-z0-9.-]{1,253}")) {
            throw y.error("kms.host", kmsHost, "a DNS name");
        }
        String pskId = y.required("kms.pskId", raw.kms().pskId(), "the identifier of this MRFC's KMS key");
        KmsCredentials credentials = new KmsCredentials(identity, kmsIdentity, Octets.ofUtf8(pskId),
                y.hexSecret("kms.pskFile", raw.kms().pskFile(), 16, 64));
        Duration timeout = y.duration("kms.timeout", raw.kms().timeout(), Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(1));
        Duration probe = y.duration("kms.probeInterval", raw.kms().probeInterval(), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMinutes(5));
        TlsFiles tls = y.tls("tls", raw.tls());
        y.required("mrfp", raw.mrfp(), "control, bfcpConferenceId, floorIds");
        URI control;
        try {
            control = URI.create(y.required("mrfp.control", raw.mrfp().control(), "http://host:port of the MRFP"));
        } catch (IllegalArgumentException e) {
            throw y.error("mrfp.control", raw.mrfp().control(), "http://host:port of the MRFP's control API");
        }
        if (!"http".equals(control.getScheme()) || control.getHost() == null || control.getPort() < 1) {
            throw y.error("mrfp.control", control, "http://host:port of the MRFP's control API");
        }
        long conf = y.required("mrfp.bfcpConferenceId", raw.mrfp().bfcpConferenceId(), "1..4294967295");
        if (conf < 1 || conf > 0xFFFFFFFFL) {
            throw y.error("mrfp.bfcpConferenceId", conf, "1..4294967295 (RFC 4582 5.1: 32 bits)");
        }
        List<Integer> floors = raw.mrfp().floorIds();
        if (floors == null || floors.isEmpty() || floors.stream().anyMatch(f -> f == null || f < 1 || f > 0xFFFF)) {
            throw y.error("mrfp.floorIds", floors, "one or more floor IDs 1..65535 (RFC 4582 5.2.2)");
        }
        Duration poll = y.duration("mrfp.pollInterval", raw.mrfp().pollInterval(), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofMinutes(1));
        int prot = y.range("tlsProtType", raw.tlsProtType(), TicketProfile.CS_PROT_TYPE.value(), 0, 255);
        PskIdentities identities;
        try {
            identities = raw.pskIdentityFormat() == null ? PskIdentities.DEFAULT : new PskIdentities(raw.pskIdentityFormat());
        } catch (IllegalArgumentException e) {
            throw new ImsConfigException(file + ": pskIdentityFormat: " + e.getMessage());
        }
        Duration skew = y.duration("clockSkew", raw.clockSkew(), MikeyReplayCache.DEFAULT_SKEW, Duration.ofSeconds(1),
                Duration.ofDays(1));
        // the MRFP conference is created at start: its ID is filled in then
        MrfcConfig node = new MrfcConfig(identity, sipHost, sipPort, transport, "-", conf, floors, new ProtType(prot),
                identities);
        return new MrfcSettings(node, admin, kmsAddress, kmsHost, credentials, timeout, probe, tls, control, poll, skew,
                y.drainTimeout(raw.shutdown()));
    }

    /**
     * Refuses {@code this}, read from {@code file} for a reload, when it changes what only a restart can (issue 18,
     * docs/IMS.md "Reload"): everything but the {@code tls} block (the MRFC's certificate toward the KMS and the CA
     * of the KMS's) and {@code kms.pskFile} (the MRFC's KMS key), which apply from the next ticket on.
     *
     * @throws ImsConfigException naming the member, its new and its running value
     */
    public void checkReloadable(Path file, MrfcSettings running) {
        RestartOnly r = new RestartOnly(file, "MRFC", ImsConfigException::new);
        MrfcConfig a = running.node();
        r.same("identity", a.identity(), node.identity());
        r.same("sip.host", a.sipHost(), node.sipHost());
        r.same("sip.port", a.sipPort(), node.sipPort());
        r.same("sip.transport", a.transport(), node.transport());
        r.same("mrfp.bfcpConferenceId", a.bfcpConferenceId(), node.bfcpConferenceId());
        r.same("mrfp.floorIds", a.floorIds(), node.floorIds());
        r.same("tlsProtType", a.tlsProtType(), node.tlsProtType());
        r.same("pskIdentityFormat", a.pskIdentities(), node.pskIdentities());
        r.same("admin", running.admin().orElse(null), admin.orElse(null));
        r.same("kms.identity", running.credentials().kmsIdentity(), credentials.kmsIdentity());
        r.same("kms.address", running.kmsAddress(), kmsAddress);
        r.same("kms.host", running.kmsHost(), kmsHost);
        r.same("kms.pskId", running.credentials().pskId(), credentials.pskId());
        r.same("kms.timeout", running.kmsTimeout(), kmsTimeout);
        r.same("kms.probeInterval", running.kmsProbeInterval(), kmsProbeInterval);
        r.same("mrfp.control", running.mrfpControl(), mrfpControl);
        r.same("mrfp.pollInterval", running.mrfpPollInterval(), mrfpPollInterval);
        r.same("clockSkew", running.clockSkew(), clockSkew);
        r.same("shutdown.drainTimeout", running.drainTimeout(), drainTimeout);
    }

    /** The node's settings once the MRFP conference exists. */
    public MrfcConfig nodeFor(String mrfpConferenceId) {
        return new MrfcConfig(node.identity(), node.sipHost(), node.sipPort(), node.transport(), mrfpConferenceId,
                node.bfcpConferenceId(), node.floorIds(), node.tlsProtType(), node.pskIdentities());
    }
}
