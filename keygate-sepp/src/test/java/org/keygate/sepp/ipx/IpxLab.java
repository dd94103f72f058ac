package org.keygate.sepp.ipx;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.ipx.node.IpxFixtures;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ModificationRule;
import org.keygate.ipx.node.ServedSepp;

/**
 * vSEPP (999-99) -> IPX -> hSEPP (001-01) on loopback, built on {@link TestSepps}: the IPX has a root CA of its own
 * and a P-256 signing key, which the visited SEPP announces in IpxProviderSecInfo; the visited SEPP's protection
 * policy lets the IPX modify {@code servingNetworkName} of generate-auth-data requests, and no other IE.
 */
final class IpxLab {
    static final String IPX_ID = IpxFixtures.IPX_ID;
    static final String GENERATE_AUTH_DATA = "/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data";
    static final String SNN_POINTER = "/servingNetworkName";
    static final String MODIFIED_SNN = "5G:mnc098.mcc999.3gppnetwork.org";

    final TestSepps sepps;
    final LabCa ipxRoot;
    final TlsKeyMaterial ipxKeys;
    final X509Certificate ipxCa;
    final KeyPair signingKey;
    final int ipxPort;

    IpxLab(Path dir) throws Exception {
        this.sepps = new TestSepps(dir);
        this.ipxRoot = LabCa.create("keygate test IPX root", Duration.ofDays(2));
        this.ipxKeys = issued(IPX_ID);
        this.ipxCa = ipxRoot.certificate();
        this.signingKey = IpxFixtures.p256();
        this.ipxPort = FreePorts.loopback(1)[0];
    }

    /** An IPX certificate for {@code fqdn} (and localhost) under the IPX's root. */
    TlsKeyMaterial issued(String fqdn) throws Exception {
        LabCa.Issued i = ipxRoot.issue(List.of(fqdn, "localhost"), List.of(InetAddress.getLoopbackAddress()));
        return new TlsKeyMaterial(i.keyPair().getPrivate(), List.of(i.certificate(), ipxRoot.certificate()));
    }

    RoamingIntermediary intermediary(boolean authorized) {
        return new RoamingIntermediary(IPX_ID, IPX_ID, new InetSocketAddress(InetAddress.getLoopbackAddress(), ipxPort),
                ipxCa, authorized);
    }

    /** The visited SEPP: reaches home through the IPX, announces its key and, with {@code authorize}, names it. */
    SeppConfig visited(boolean authorize) throws Exception {
        SeppConfig c = sepps.visited(TestSepps.PRINS_FIRST);
        List<IpxProviderSecInfo> announced = List.of(new IpxProviderSecInfo(IPX_ID,
                List.of(Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded())), null));
        return with(c, modifiableServingNetworkName(), announced, intermediary(authorize));
    }

    /** The home SEPP: its partner's traffic arrives through the IPX, and its own goes back through it unauthorized. */
    SeppConfig home() throws Exception {
        SeppConfig c = sepps.home(TestSepps.PRINS_FIRST);
        // The policy agreed with the visited operator (TS 33.501 13.2.3.6 NOTE 1): the same on both sides.
        return with(c, modifiableServingNetworkName(), List.of(), intermediary(false));
    }

    /** The default policy, plus: the IPX may modify servingNetworkName in generate-auth-data requests. */
    static ProtectionPolicy modifiableServingNetworkName() {
        ProtectionPolicy d = DefaultProtectionPolicy.get();
        List<ApiIeMapping> apis = new ArrayList<>(d.apiIeMappingList());
        apis.add(new ApiIeMapping(new TextNode(GENERATE_AUTH_DATA), "POST", List.of(new IeInfo("BODY", "NONSENSITIVE",
                SNN_POINTER, null, false, Map.of(IPX_ID, true)))));
        return new ProtectionPolicy(apis, d.dataTypeEncPolicy());
    }

    static SeppConfig with(SeppConfig c, ProtectionPolicy policy, List<IpxProviderSecInfo> ipx,
            RoamingIntermediary via) {
        N32cSettings n = c.n32c();
        N32cSettings settings = new N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), policy, ipx, n.requiredPeerEncryption(), n.onPolicyMismatch(),
                n.contextLifetime(), n.n32fFqdn(), n.n32fPort());
        List<PeerSepp> peers = c.peers().stream().map(p -> p.through(via)).toList();
        // The IPX's test rules move servingNetworkName to another PLMN's name to show a modification arrives; the
        // edge check on serving network names (tested in the edge package) would rightly refuse that, so these
        // SEPPs check only the other PLMN-bearing IEs.
        org.keygate.sepp.config.EdgeSettings e = c.edge();
        org.keygate.sepp.config.EdgeSettings edge = new org.keygate.sepp.config.EdgeSettings(e.routing(),
                e.rateLimits(), org.keygate.sepp.edge.PlmnIdCheckSettings.builder()
                        .servingNetworkNameMembers(java.util.Set.of()).build(), e.topologyHiding(), e.inboundApis());
        return new SeppConfig(c.name(), settings, c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), peers, c.n32fListener(), c.homeNfs(), c.sbiListener(), edge);
    }

    /** The IPX: serves both SEPPs, routes by their N32-f authorities; {@code modifications} as given. */
    IpxNodeConfig ipx(Optional<IpxNodeConfig.Modifications> modifications) throws Exception {
        return ipx(modifications, sepps.homeN32fPort);
    }

    /** As {@link #ipx(Optional)}, with home's next hop at {@code homeAddressPort} (a tap, in some tests). */
    IpxNodeConfig ipx(Optional<IpxNodeConfig.Modifications> modifications, int homeAddressPort) throws Exception {
        List<ServedSepp> served = List.of(
                new ServedSepp("home", List.of(TestSepps.HOME_PLMN), ca("home"), Optional.of(new ServedSepp.NextHop(
                        TestSepps.HOME_PLMN.seppFqdn() + ":" + sepps.homeN32fPort, loopback(homeAddressPort)))),
                new ServedSepp("visited", List.of(TestSepps.VISITED_PLMN), ca("visited"), Optional.of(
                        new ServedSepp.NextHop(TestSepps.VISITED_PLMN.seppFqdn() + ":" + sepps.visitedN32fPort,
                                loopback(sepps.visitedN32fPort)))));
        return new IpxNodeConfig("ipx", IPX_ID, TestSepps.listener(ipxPort), Optional.empty(),
                ipxKeys, List.of("TLSv1.3", "TLSv1.2"), served,
                modifications, Duration.ofSeconds(10), IpxNodeConfig.DEFAULT_MAX_ANSWER_BODY_BYTES);
    }

    X509Certificate ca(String sepp) throws Exception {
        return PemFiles.readCertificates(sepps.files.get(sepp).caCert()).getFirst();
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
