package org.keygate.cli.ims;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.ims.bfcp.BfcpAttribute;
import org.keygate.ims.bfcp.BfcpAttributeType;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.bfcp.BfcpRequestStatus;
import org.keygate.ims.kms.KmsClient;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpStatus;
import org.keygate.ims.ue.UeSipClient;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.LabProcess;

/**
 * The IMS lab's nodes and script (see {@link ImsLabCommand}): {@link ImsLabFiles} writes the PKI and the three
 * daemons' files, the KMS, the MRFP and the MRFC run as processes of their own ({@link LabProcess}), the two UEs
 * run here. Every wait is bounded; the daemons are stopped with SIGTERM at the end, which is checked too.
 */
final class ImsLab implements AutoCloseable {
    /** A JVM starting on a busy machine; the daemons print their line once they listen. */
    static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final int FLOOR = 1;
    /** The MRFC's step lines in its log (logback's pattern in keygate-cli: {@code ... o.k.i.mrfc.Mrfc - step}). */
    private static final Pattern MRFC_STEP = Pattern.compile("\\.mrfc\\.Mrfc - (.*)$");

    private final PrintStream out;
    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> nodes = new ArrayList<>();
    private final List<LabProcess> daemons = new ArrayList<>();

    ImsLab(PrintStream out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    boolean run() throws Exception {
        ImsLabFiles f = ImsLabFiles.write(dir);
        step("PKI and configurations in " + dir + ": a lab CA, certificates for the KMS, the MRFC and the UEs,"
                + " kms.yaml, mrfp.yaml, mrfc.yaml");
        LabProcess kms = daemon("kms", f.kmsYaml());
        LabProcess mrfp = daemon("mrfp", f.mrfpYaml());
        kms.awaitLog("keygate ims kms: ", START_WAIT);
        step("KMS: Ticket Request and Resolve over HTTP with mutual TLS at https://" + ImsLabFiles.KMS_HOST + ":"
                + f.kmsPort + " (keygate ims kms, pid " + kms.pid() + ")");
        mrfp.awaitLog("keygate ims mrfp: ", START_WAIT);
        step("MRFP: control API at http://127.0.0.1:" + f.mrfpControl + "/mrfp/v1 (keygate ims mrfp, pid "
                + mrfp.pid() + ")");
        // the MRFC creates its conference at the MRFP when it starts
        LabProcess mrfc = daemon("mrfc", f.mrfcYaml());
        mrfc.awaitLog("keygate ims mrfc: ", START_WAIT);
        step("MRFC: " + ImsLabFiles.MRFC + " listening for SIP on udp 127.0.0.1:" + f.mrfcSip
                + " (keygate ims mrfc, pid " + mrfc.pid() + ")");
        boolean healthy = mrfcHealthy(f);

        ImsLabUe a = keep(ue("Alice", "alice", ImsLabFiles.ALICE, f));
        ImsLabUe b = keep(ue("Bob", "bob", ImsLabFiles.BOB, f));
        step("SIP session setup with MIKEY-TICKET");
        a.join(ImsLabFiles.MRFC, ImsLabFiles.KMS, "127.0.0.1:" + f.mrfcSip);
        b.join(ImsLabFiles.MRFC, ImsLabFiles.KMS, "127.0.0.1:" + f.mrfcSip);
        mrfcSteps(mrfc).forEach(s -> out.println("  MRFC: " + s));

        step("MSRP chat over TLS-PSK through the MRFP");
        boolean chat = chat(a, b);
        step("BFCP floor control over TLS-PSK at the MRFP");
        boolean floor = floor(a);
        step("SIP BYE");
        boolean byes = a.bye() == 200 && b.bye() == 200;
        out.println("  BYE answered 200 for both UEs: " + byes);
        step("Stopping the daemons with SIGTERM");
        boolean stopped = stopAll();
        out.println("  logs: " + dir.resolve("kms.log") + ", " + dir.resolve("mrfp.log") + ", " + dir.resolve("mrfc.log"));
        return healthy && chat && floor && byes && stopped;
    }

    /** The MRFC's /healthz once it has probed the KMS and polled the MRFP (bounded: a probe runs every second). */
    private boolean mrfcHealthy(ImsLabFiles f) throws Exception {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newHttpClient()) {
            do {
                r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.mrfcAdmin + "/healthz"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
        }
        out.println("  MRFC /healthz (the KMS and the MRFP reachable): " + r.statusCode() + " " + r.body());
        return r.statusCode() == 200;
    }

    private LabProcess daemon(String name, Path yaml) throws IOException {
        LabProcess p = KeygateProcess.start(name, dir, "ims", name, "--config", yaml.toString());
        daemons.add(p);
        return p;
    }

    /** What the MRFC daemon did, from its log (its step lines carry no key material). */
    private static List<String> mrfcSteps(LabProcess mrfc) throws IOException {
        List<String> steps = new ArrayList<>();
        for (String line : Files.readAllLines(mrfc.log(), StandardCharsets.UTF_8)) {
            Matcher m = MRFC_STEP.matcher(line);
            if (m.find()) {
                steps.add(m.group(1));
            }
        }
        return steps;
    }

    /** MRFC first (it holds calls at the MRFP), then the MRFP and the KMS; each must exit 143 having closed its state. */
    private boolean stopAll() throws Exception {
        boolean ok = true;
        for (int i = daemons.size() - 1; i >= 0; i--) {
            LabProcess d = daemons.get(i);
            int code = d.stop();
            boolean graceful = code == 143 && Files.readString(d.log()).contains(ImsDaemon.STOPPED);
            out.println("  " + d.name() + ": exit " + code + (graceful ? ", listeners and state closed" : ", NOT graceful"));
            ok &= graceful;
        }
        daemons.clear();
        return ok;
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

    /** A UE with the key and certificate {@link ImsLabFiles} wrote for it. */
    private ImsLabUe ue(String name, String node, String identity, ImsLabFiles f) throws Exception {
        KmsClient client = keep(KmsClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.kmsPort),
                ImsLabFiles.KMS_HOST, f.kmsTls(node), ImsLabUe.WAIT, clock, MikeyReplayCache.DEFAULT_SKEW, random));
        UeSipClient sip = new UeSipClient(identity, "127.0.0.1", freeUdpPort()).start();
        return new ImsLabUe(name, identity, f.credentials(node, identity), client, sip, out);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
        for (int i = daemons.size() - 1; i >= 0; i--) {
            try {
                daemons.get(i).close();
            } catch (Exception e) {
                out.println("  (stopping " + daemons.get(i).name() + ": " + e.getMessage() + ")");
            }
        }
    }
}
