package org.keygate.ipx.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ModificationRule;
import org.keygate.ipx.node.ServedSepp;
import org.keygate.n32.n32f.reformat.EncBlockReferences;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sbi.config.ConfigReader;
import org.keygate.sbi.config.HostPort;
import org.keygate.sbi.config.ListenerConfig;
import org.keygate.sbi.config.RawTls;
import org.keygate.sbi.config.RevocationReader;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.plmn.PlmnId;

/**
 * Reads an IPX node's YAML configuration ({@code keygate ipx --config FILE}) with the SEPP's rules
 * ({@link ConfigReader}): every member checked at start, failures name the member's path, the value and what was
 * expected; unknown members refused; file paths relative to the configuration file.
 *
 * <p>Modification rules are checked against the IPX's own policy here, so an IPX never starts with a rule it would
 * have to refuse to sign (TS 33.501 13.2.3.4).
 */
public final class IpxConfigLoader {
    /** The operations an RI may sign (the receiving SEPP refuses move and copy, TS 33.501 13.2.4.1). */
    private static final Set<String> OPERATIONS = Set.of("add", "replace", "remove", "test");
    /** Where keygate's SEPPs put an SBI body in the DataToIntegrityProtectBlock (DESIGN.md "Payload"). */
    private static final String BODY_ENTRY = "/payload/0/value";
    /** The P-256 field size in bits: RIs sign with ES256 only (TS 33.501 13.2.4.9). */
    private static final int P256_BITS = 256;

    private final ConfigReader files;

    private IpxConfigLoader(Path baseDir) {
        this.files = new ConfigReader(baseDir);
    }

    public static IpxNodeConfig load(Path file) {
        RawIpxConfig raw = ConfigReader.read(file, RawIpxConfig.class);
        try {
            return new IpxConfigLoader(file.toAbsolutePath().getParent()).validate(raw);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private IpxNodeConfig validate(RawIpxConfig raw) {
        String name = ConfigReader.required("name", raw.name());
        String providerId = ConfigReader.fqdn("providerId", ConfigReader.required("providerId",
                raw.providerId()));
        ListenerConfig listener = files.listener("n32f", ConfigReader.required("n32f", raw.n32f()));
        Optional<ListenerConfig> admin = Optional.ofNullable(raw.admin()).map(a -> files.listener("admin", a));
        RawTls tls = ConfigReader.required("tls", raw.tls());
        List<String> protocols = ConfigReader.tlsProtocols(tls);
        int maxAnswer = raw.maxAnswerBodyBytes() == null ? IpxNodeConfig.DEFAULT_MAX_ANSWER_BODY_BYTES
                : raw.maxAnswerBodyBytes();
        if (maxAnswer < 1 || maxAnswer > ListenerConfig.MAX_REQUEST_BODY_BYTES_LIMIT) {
            throw new ConfigException("maxAnswerBodyBytes", maxAnswer, "1.." + ListenerConfig.MAX_REQUEST_BODY_BYTES_LIMIT);
        }
        List<ServedSepp> sepps = sepps(raw.sepps());
        return new IpxNodeConfig(name, providerId, listener, admin, files.keyMaterial(tls), protocols,
                sepps, Optional.ofNullable(raw.modifications()).map(this::modifications),
                ConfigReader.positive("nextHopTimeout", raw.nextHopTimeout(), IpxNodeConfig.DEFAULT_NEXT_HOP_TIMEOUT),
                maxAnswer, ConfigReader.h2(raw.http2()), revocation(raw.sepps(), sepps), ConfigReader.tlsProvider(tls));
    }

    /**
     * {@code sepps[].revocation}, {@code sepps[].n32f.via.revocation}: the CRLs of a served SEPP's anchor (checked for
     * the SEPPs that connect here and the ones this IPX dials) and of a next IPX's anchor, read as a SEPP reads its
     * {@code peers[].revocation} (keygate-sbi {@link RevocationReader}).
     */
    private List<org.keygate.tls.revocation.AnchorRevocation> revocation(List<RawIpxConfig.Sepp> raw,
            List<ServedSepp> sepps) {
        RevocationReader reader = new RevocationReader(files);
        for (int i = 0; i < raw.size(); i++) {
            String f = "sepps[" + i + "]";
            ServedSepp s = sepps.get(i);
            reader.add(f + ".revocation", raw.get(i).revocation(), s.trustAnchor());
            RawIpxConfig.NextHop hop = raw.get(i).n32f();
            if (hop != null && hop.via() != null) {
                reader.add(f + ".n32f.via.revocation", hop.via().revocation(),
                        s.nextHop().orElseThrow().via().orElseThrow().trustAnchor());
            }
        }
        return reader.policies();
    }

    private List<ServedSepp> sepps(List<RawIpxConfig.Sepp> raw) {
        if (raw == null || raw.size() < 2) {
            throw new ConfigException("sepps", raw == null ? "missing" : raw.size() + " SEPP(s)",
                    "the SEPPs this IPX serves, at least two");
        }
        List<ServedSepp> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<PlmnId> plmnsSeen = new HashSet<>();
        Set<String> authorities = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String f = "sepps[" + i + "]";
            RawIpxConfig.Sepp s = ConfigReader.required(f, raw.get(i));
            String name = ConfigReader.required(f + ".name", s.name());
            if (!names.add(name)) {
                throw new ConfigException(f + ".name", name, "a name no other SEPP has");
            }
            List<PlmnId> plmns = ConfigReader.plmnIds(f + ".plmnIds", s.plmnIds());
            for (PlmnId p : plmns) {
                if (!plmnsSeen.add(p)) {
                    throw new ConfigException(f + ".plmnIds", p, "a PLMN ID no other SEPP serves");
                }
            }
            X509Certificate anchor = certificate(f + ".trustAnchor", s.trustAnchor());
            Optional<ServedSepp.NextHop> hop = Optional.ofNullable(s.n32f()).map(n -> nextHop(f + ".n32f", n));
            if (hop.isPresent() && !authorities.add(hop.get().authority())) {
                throw new ConfigException(f + ".n32f.authority", hop.get().authority(), "an authority no other SEPP has");
            }
            boolean ri = Boolean.TRUE.equals(s.ri());
            if (ri && hop.isPresent() && hop.get().via().isPresent()) {
                throw new ConfigException(f + ".ri", true, "false for a SEPP reached through another IPX (the RI "
                        + "nearest a SEPP is the one that reaches it, TS 33.501 13.2.4.5.2)");
            }
            out.add(new ServedSepp(name, plmns, anchor, hop, ri));
        }
        return out;
    }

    private X509Certificate certificate(String f, String file) {
        Path anchorFile = files.file(f, ConfigReader.required(f, file));
        try {
            return PemFiles.readCertificates(anchorFile).getFirst();
        } catch (Exception e) {
            throw new ConfigException(f + ": cannot read a certificate from " + anchorFile + ": " + e.getMessage(), e);
        }
    }

    private ServedSepp.NextHop nextHop(String f, RawIpxConfig.NextHop raw) {
        String authority = ConfigReader.required(f + ".authority", raw.authority()).toLowerCase(Locale.ROOT);
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || !authority.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new ConfigException(f + ".authority", raw.authority(), "fqdn:port, as the sending SEPPs write it");
        }
        ConfigReader.fqdn(f + ".authority", authority.substring(0, colon));
        Optional<ServedSepp.Intermediary> via = Optional.ofNullable(raw.via()).map(v -> new ServedSepp.Intermediary(
                ConfigReader.fqdn(f + ".via.fqdn", ConfigReader.required(f + ".via.fqdn", v.fqdn())),
                certificate(f + ".via.trustAnchor", v.trustAnchor())));
        return new ServedSepp.NextHop(authority,
                HostPort.parse(f + ".address", ConfigReader.required(f + ".address", raw.address())), via);
    }

    private IpxNodeConfig.Modifications modifications(RawIpxConfig.Modifications raw) {
        String f = "modifications";
        Path keyFile = files.file(f + ".signingKey", ConfigReader.required(f + ".signingKey", raw.signingKey()));
        PrivateKey key;
        try {
            key = PemFiles.readPrivateKey(keyFile);
        } catch (Exception e) {
            throw new ConfigException(f + ".signingKey: cannot read a private key from " + keyFile + ": "
                    + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != P256_BITS) {
            throw new ConfigException(f + ".signingKey", keyFile, "a P-256 key (ES256 only, TS 33.501 13.2.4.9)");
        }
        List<String> paths = ConfigReader.required(f + ".policy", raw.policy());
        ModificationPolicy policy;
        try {
            policy = new ModificationPolicy(paths);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f + ".policy: " + e.getMessage());
        }
        List<ModificationRule> rules = new ArrayList<>();
        List<RawIpxConfig.Rule> rawRules = raw.rules() == null ? List.of() : raw.rules();
        for (int i = 0; i < rawRules.size(); i++) {
            rules.add(rule(f + ".rules[" + i + "]", ConfigReader.required(f + ".rules[" + i + "]", rawRules.get(i)),
                    policy));
        }
        return new IpxNodeConfig.Modifications(ec, policy, rules);
    }

    private static ModificationRule rule(String f, RawIpxConfig.Rule raw, ModificationPolicy policy) {
        String path = ConfigReader.required(f + ".path", raw.path());
        if (!path.startsWith("/")) {
            throw new ConfigException(f + ".path", path, "a request path such as /nudm-ueau/v1/*/...");
        }
        List<JsonNode> ops = ConfigReader.required(f + ".operations", raw.operations());
        for (int i = 0; i < ops.size(); i++) {
            String o = f + ".operations[" + i + "]";
            JsonNode op = ops.get(i);
            String name = op == null ? null : op.path("op").asText(null);
            if (name == null || !OPERATIONS.contains(name)) {
                throw new ConfigException(o + ".op", name, "add, replace, remove or test");
            }
            String pointer = op.path("path").asText(null);
            if (pointer == null || !pointer.startsWith("/")) {
                throw new ConfigException(o + ".path", pointer, "a JSON pointer into the SBI body, /...");
            }
            if (!policy.allows(BODY_ENTRY + pointer)) {
                throw new ConfigException(o + ".path", pointer, "a body IE modifications.policy allows");
            }
            if (!name.equals("remove") && !op.has("value")) {
                throw new ConfigException(o + ".value", "missing", "the value to " + name);
            }
            if (EncBlockReferences.mentioned(op.get("value"))) {
                throw new ConfigException(o + ".value", "an encBlockIndex reference",
                        "a plain value (TS 33.501 5.9.3.2)");
            }
        }
        ModificationRule.Message message;
        if (raw.message() == null || raw.message().equals("request")) {
            message = ModificationRule.Message.REQUEST;
        } else if (raw.message().equals("answer")) {
            message = ModificationRule.Message.ANSWER;
        } else {
            throw new ConfigException(f + ".message", raw.message(), "request or answer");
        }
        return new ModificationRule(Optional.ofNullable(raw.method()).map(m -> m.toUpperCase(Locale.ROOT)), path, ops,
                message);
    }
}
