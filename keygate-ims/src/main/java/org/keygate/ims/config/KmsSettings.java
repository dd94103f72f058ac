package org.keygate.ims.config;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keygate.ims.config.ImsYaml.TlsFiles;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.kms.KmsUser;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ticket.Tpk;
import org.keygate.sbi.config.RestartOnly;

/**
 * {@code keygate ims kms --config kms.yaml}, validated. YAML (docs/IMS.md, "kms.yaml"):
 *
 * <pre>
 * identity: sip:kms@ims.example.org     # IDRkms
 * bind: 0.0.0.0:8443                    # Ticket Request and Resolve, HTTP over mutual TLS
 * admin: 127.0.0.1:9401                 # /healthz and /metrics, optional
 * tls: {certificate: kms.crt, key: kms.key, trustAnchors: [ims-ca.crt]}
 * tpk: {id: kms-tpk-1, keyFile: tpk.hex}  # the KMS's ticket protection key, hex, 16..64 octets
 * stateDir: state                       # the replay state (replay.mv)
 * maxTicketLifetime: PT12H              # optional
 * clockSkew: PT5M                       # optional, RFC 3830 5.4
 * replayCapacity: 100000                # optional
 * shutdown: {drainTimeout: PT20S}       # optional: a stop answers the requests taken for at most this long
 * users:
 *   - {identity: sip:mrfc@ims.example.org, pskId: psk-mrfc, pskFile: mrfc.psk, tlsNames: [mrfc.ims.example.org]}
 * </pre>
 */
public record KmsSettings(String identity, InetSocketAddress bind, Optional<InetSocketAddress> admin, TlsFiles tls,
        Tpk tpk, Path stateDir, Duration maxTicketLifetime, Duration clockSkew, int replayCapacity,
        List<KmsUser> users, Duration drainTimeout) {

    record Raw(String identity, String bind, String admin, ImsYaml.RawTls tls, RawTpk tpk, String stateDir,
            String maxTicketLifetime, String clockSkew, Integer replayCapacity, List<RawUser> users,
            ImsYaml.RawShutdown shutdown) {}

    record RawTpk(String id, String keyFile) {}

    record RawUser(String identity, String pskId, String pskFile, List<String> tlsNames) {}

    public static KmsSettings load(Path file) {
        Raw raw = ImsYaml.read(file, Raw.class);
        ImsYaml y = ImsYaml.of(file);
        String identity = y.sipUri("identity", raw.identity());
        InetSocketAddress bind = y.hostPort("bind", raw.bind());
        Optional<InetSocketAddress> admin = Optional.ofNullable(raw.admin()).map(a -> y.hostPort("admin", a));
        TlsFiles tls = y.tls("tls", raw.tls());
        y.required("tpk", raw.tpk(), "id and keyFile");
        String tpkId = y.required("tpk.id", raw.tpk().id(), "the TPK's identifier, 1..255 characters");
        if (tpkId.isEmpty() || tpkId.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw y.error("tpk.id", tpkId, "1..255 octets");
        }
        Tpk tpk = new Tpk(Octets.ofUtf8(tpkId), y.hexSecret("tpk.keyFile", raw.tpk().keyFile(), 16, 64));
        Path stateDir = y.path(y.required("stateDir", raw.stateDir(), "a directory for the replay state"));
        Duration lifetime = y.duration("maxTicketLifetime", raw.maxTicketLifetime(),
                KmsService.DEFAULT_MAX_TICKET_LIFETIME, Duration.ofMinutes(1), Duration.ofDays(30));
        Duration skew = y.duration("clockSkew", raw.clockSkew(), MikeyReplayCache.DEFAULT_SKEW, Duration.ofSeconds(1),
                Duration.ofDays(1));
        int capacity = y.range("replayCapacity", raw.replayCapacity(), MikeyReplayCache.DEFAULT_CAPACITY, 1, 10_000_000);
        if (raw.users() == null || raw.users().isEmpty()) {
            throw y.error("users", raw.users(), "one or more users");
        }
        List<KmsUser> users = new java.util.ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.users().size(); i++) {
            RawUser u = raw.users().get(i);
            String m = "users[" + i + "]";
            y.required(m, u, "identity, pskId, pskFile, tlsNames");
            String id = y.sipUri(m + ".identity", u.identity());
            if (!seen.add(id)) {
                throw y.error(m + ".identity", id, "each user once");
            }
            String pskId = y.required(m + ".pskId", u.pskId(), "the identifier IDRpsk names");
            if (u.tlsNames() == null || u.tlsNames().isEmpty() || u.tlsNames().stream().anyMatch(n -> n == null || n.isBlank())) {
                throw y.error(m + ".tlsNames", u.tlsNames(), "the SAN names of the user's TLS certificate");
            }
            users.add(new KmsUser(id, Octets.ofUtf8(pskId), y.hexSecret(m + ".pskFile", u.pskFile(), 16, 64),
                    Set.copyOf(u.tlsNames())));
        }
        return new KmsSettings(identity, bind, admin, tls, tpk, stateDir, lifetime, skew, capacity, List.copyOf(users),
                y.drainTimeout(raw.shutdown()));
    }

    /**
     * Refuses {@code this}, read from {@code file} for a reload, when it changes what only a restart can (issue 18,
     * docs/IMS.md "Reload"): the identity, the listeners, the TPK (it protects every ticket issued), the state
     * directory, the replay cache's skew and capacity, the drain timeout. The users, the ticket lifetime cap and the
     * {@code tls} block may change.
     *
     * @throws ImsConfigException naming the member, its new and its running value
     */
    public void checkReloadable(Path file, KmsSettings running) {
        RestartOnly r = new RestartOnly(file, "KMS", ImsConfigException::new);
        r.same("identity", running.identity(), identity);
        r.same("bind", running.bind(), bind);
        r.same("admin", running.admin().orElse(null), admin.orElse(null));
        r.same("tpk.id", running.tpk().id(), tpk.id());
        r.sameSecret("tpk.keyFile", running.tpk().key().equalsSecret(tpk.key()));
        r.same("stateDir", running.stateDir(), stateDir);
        r.same("clockSkew", running.clockSkew(), clockSkew);
        r.same("replayCapacity", running.replayCapacity(), replayCapacity);
        r.same("shutdown.drainTimeout", running.drainTimeout(), drainTimeout);
    }

    /** Keys never print. */
    @Override
    public String toString() {
        return "KmsSettings[" + identity + " on " + bind + ", " + users.size() + " users, state in " + stateDir + "]";
    }
}
