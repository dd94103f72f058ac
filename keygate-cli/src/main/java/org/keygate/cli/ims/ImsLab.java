package org.keygate.cli.ims;

import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.bfcp.BfcpAttribute;
import org.keygate.ims.bfcp.BfcpAttributeType;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.bfcp.BfcpRequestStatus;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.kms.KmsServer;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.kms.KmsUser;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ticket.KmsCredentials;
import org.keygate.ims.mikey.ticket.Tpk;
import org.keygate.ims.mikey.ticket.TransferResponder;
import org.keygate.ims.mrfc.KmsTicketResolver;
import org.keygate.ims.mrfc.Mrfc;
import org.keygate.ims.mrfc.MrfcConfig;
import org.keygate.ims.mrfp.Mrfp;
import org.keygate.ims.mrfp.MrfpControlApi;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpStatus;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/** The IMS lab's nodes and script (see {@link ImsLabCommand}); every wait bounded, everything closed at the end. */
final class ImsLab implements AutoCloseable {
    static final String KMS = "sip:kms@ims.example.org";
    static final String MRFC = "sip:mrfc@ims.example.org";
    static final String KMS_HOST = "kms.ims.example.org";
    private static final long BFCP_CONFERENCE = 1;
    private static final int FLOOR = 1;

    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> nodes = new ArrayList<>();

    ImsLab(PrintStream out) {
        this.out = out;
    }

    boolean run() throws Exception {
        LabCa ca = LabCa.create("keygate IMS lab CA", Duration.ofDays(1));
        step("PKI: a lab CA and certificates for the KMS, the MRFC and the UEs");
        KmsCredentials mrfc = credentials(MRFC);
        KmsCredentials alice = credentials("sip:alice@ims.example.org");
        KmsCredentials bob = credentials("sip:bob@ims.example.org");
        KmsService service = KmsService.builder().identity(KMS).clock(clock).random(random)
                .tpk(new Tpk(Octets.ofUtf8("kms-tpk-1"), SecretBytes.copyOf(bytes(32))))
                .user(user(mrfc, "mrfc.ims.example.org")).user(user(alice, "alice.ims.example.org"))
                .user(user(bob, "bob.ims.example.org")).build();
        SSLContext kmsTls = tls(ca, KMS_HOST, true);
        KmsServer kms = keep(KmsServer.start(service, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), kmsTls,
                KmsTls.serverParameters(kmsTls)));
        step("KMS: Ticket Request and Resolve over HTTP with mutual TLS at https://" + KMS_HOST + ":" + kms.localAddress().getPort());

        Mrfp mrfp = keep(new Mrfp("127.0.0.1"));
        SbiServer api = keep(SbiServer.builder().name("mrfp-control").bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler(new MrfpControlApi(mrfp)).build().start());
        MrfpControlClient control = new MrfpControlClient(URI.create("http://127.0.0.1:" + api.localAddress().getPort()));
        String conference = control.createConference(BFCP_CONFERENCE, List.of(FLOOR));
        step("MRFP: control API at http://127.0.0.1:" + api.localAddress().getPort() + "/mrfp/v1, conference " + conference);

        KmsClient mrfcKms = keep(kmsClient(kms, ca, "mrfc.ims.example.org"));
        int sipPort = freeUdpPort();
        Mrfc node = keep(new Mrfc(new MrfcConfig(MRFC, "127.0.0.1", sipPort, conference, BFCP_CONFERENCE, List.of(FLOOR)),
                control, new KmsTicketResolver(mrfcKms, mrfc, ImsLabUe.WAIT),
                new TransferResponder(MRFC, new MikeyReplayCache(MikeyReplayCache.DEFAULT_SKEW, 10_000, clock), clock, random))
                .start());
        step("MRFC: " + MRFC + " listening for SIP on udp 127.0.0.1:" + sipPort);

        ImsLabUe a = keep(ue("Alice", alice, kms, ca));
        ImsLabUe b = keep(ue("Bob", bob, kms, ca));
        step("SIP session setup with MIKEY-TICKET");
        a.join(MRFC, KMS, "127.0.0.1:" + sipPort);
        b.join(MRFC, KMS, "127.0.0.1:" + sipPort);
        node.steps().forEach(s -> out.println("  MRFC: " + s));

        step("MSRP chat over TLS-PSK through the MRFP");
        boolean chat = chat(a, b);
        step("BFCP floor control over TLS-PSK at the MRFP");
        boolean floor = floor(a);
        step("SIP BYE");
        boolean byes = a.bye() == 200 && b.bye() == 200;
        out.println("  BYE answered 200 for both UEs: " + byes);
        return chat && floor && byes;
    }

    private boolean chat(ImsLabUe a, ImsLabUe b) throws Exception {
        b.msrp.send(b.chat("", false));
        a.msrp.send(a.chat("", false));
        boolean bound = status(b.msrp.next(ImsLabUe.WAIT)) == 200 && status(a.msrp.next(ImsLabUe.WAIT)) == 200;
        out.println("  both UEs bound their MSRP sessions (empty SEND, 200 OK): " + bound);
        String text = "Hello Bob, this is Alice over MSRP with TLS-PSK";
        MsrpRequest send = a.chat(text, true);
        a.msrp.send(send);
        Object got = b.msrp.next(ImsLabUe.WAIT);
        boolean delivered = got instanceof MsrpRequest r && r.method().equals("SEND")
                && new String(r.body(), StandardCharsets.UTF_8).equals(text);
        out.println("  Bob received: " + (got instanceof MsrpRequest r ? "\"" + new String(r.body(), StandardCharsets.UTF_8) + "\"" : got));
        if (got instanceof MsrpRequest r) {
            b.msrp.send(MsrpResponse.to(r, MsrpStatus.OK));
        }
        boolean ok = status(a.msrp.next(ImsLabUe.WAIT)) == 200;
        Object report = a.msrp.next(ImsLabUe.WAIT);
        boolean reported = report instanceof MsrpRequest r && r.method().equals("REPORT")
                && r.header("Status").orElse("").startsWith("000 200");
        out.println("  Alice got 200 OK: " + ok + ", Success-Report REPORT: " + reported);
        return bound && delivered && ok && reported;
    }

    private boolean floor(ImsLabUe a) throws Exception {
        a.bfcp.send(a.hello(1));
        Object ack = a.bfcp.next(ImsLabUe.WAIT);
        boolean hello = ack instanceof BfcpMessage m && m.primitive().orElse(null) == BfcpPrimitive.HELLO_ACK;
        out.println("  Alice Hello -> HelloAck: " + hello);
        a.bfcp.send(a.floorRequest(2, FLOOR));
        Object status = a.bfcp.next(ImsLabUe.WAIT);
        boolean granted = status instanceof BfcpMessage m && m.primitive().orElse(null) == BfcpPrimitive.FLOOR_REQUEST_STATUS
                && requestStatus(m) == BfcpRequestStatus.GRANTED.code();
        out.println("  Alice FloorRequest floor " + FLOOR + " -> FloorRequestStatus " + (granted ? "Granted" : status));
        return hello && granted;
    }

    private static int requestStatus(BfcpMessage m) {
        BfcpAttribute.Grouped info = (BfcpAttribute.Grouped) m.all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION).getFirst();
        BfcpAttribute.Grouped overall = (BfcpAttribute.Grouped) info.all(BfcpAttributeType.OVERALL_REQUEST_STATUS).getFirst();
        return ((BfcpAttribute.Fixed) overall.all(BfcpAttributeType.REQUEST_STATUS).getFirst()).value() >> 8;
    }

    private static int status(Object message) {
        return message instanceof MsrpResponse r ? r.status() : -1;
    }

    private ImsLabUe ue(String name, KmsCredentials credentials, KmsServer kms, LabCa ca) throws Exception {
        KmsClient client = keep(kmsClient(kms, ca, name.toLowerCase() + ".ims.example.org"));
        UeSipClient sip = new UeSipClient(credentials.identity(), "127.0.0.1", freeUdpPort()).start();
        return new ImsLabUe(name, credentials.identity(), credentials, client, sip, out);
    }

    private KmsClient kmsClient(KmsServer kms, LabCa ca, String name) throws Exception {
        return KmsClient.connect(kms.localAddress(), KMS_HOST, tls(ca, name, false), ImsLabUe.WAIT, clock,
                MikeyReplayCache.DEFAULT_SKEW, random);
    }

    private static SSLContext tls(LabCa ca, String name, boolean withLoopbackIp) throws Exception {
        LabCa.Issued own = ca.issue(List.of(name), withLoopbackIp ? List.of(InetAddress.getLoopbackAddress()) : List.of());
        return KmsTls.context(new TlsKeyMaterial(own.keyPair().getPrivate(), List.of(own.certificate())),
                List.of(ca.certificate()));
    }

    private KmsCredentials credentials(String identity) {
        return new KmsCredentials(identity, KMS, Octets.ofUtf8("psk-" + identity.substring(4, identity.indexOf('@'))),
                SecretBytes.copyOf(bytes(32)));
    }

    private static KmsUser user(KmsCredentials c, String tlsName) {
        return new KmsUser(c.identity(), c.pskId(), c.psk(), Set.of(tlsName));
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private <T extends AutoCloseable> T keep(T node) {
        nodes.add(node);
        return node;
    }

    private void step(String line) {
        out.println("== " + line);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (Exception e) {
                out.println("  (closing " + nodes.get(i).getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
        }
    }
}
