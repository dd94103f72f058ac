package org.keygate.cli.labnf;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.keygate.labnf.AusfSettings;
import org.keygate.labnf.LabHomeNetwork;
import org.keygate.labnf.LabSubscriber;
import org.keygate.labnf.UdmSettings;
import org.keygate.cli.UntilStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code keygate labnf --udm-listen HOST:PORT [--ausf-listen HOST:PORT] [--subscribers N]}: the lab home network's
 * UDM (Nudm_UEAU generate-auth-data) and AUSF on h2c, as one process, until stopped (SIGINT/SIGTERM). The load
 * benchmark runs it as the home NF so that the SEPPs' memory can be read per process.
 */
@Command(name = "labnf", mixinStandardHelpOptions = true,
        description = "Run the lab's home UDM and AUSF (h2c, MILENAGE test subscribers) until stopped.")
public final class LabNfCommand implements Callable<Integer> {
    /** PLMN 001-01 with a 10-digit MSIN: subscriber i is imsi-00101 followed by i in 10 digits, from 1. */
    static final String SUPI_PREFIX = "imsi-00101";
    /** {@code supi(1)}, spelled out for the help text (an annotation needs a constant). */
    static final String FIRST_SUPI = "imsi-001010000000001";
    /** TS 35.208 4.3 test set 1: K and OPc, given to every lab subscriber. */
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    /** AMF with the separation bit set (TS 33.501 6.1.3.2). */
    static final String AMF = "8000";
    static final String AUSF_API_ROOT = "http://ausf.5gc.mnc001.mcc001.3gppnetwork.org";

    @Spec
    CommandSpec spec;

    @Option(names = "--udm-listen", required = true, description = "The UDM's h2c listener, HOST:PORT (port 0: free).")
    String udmListen;

    @Option(names = "--ausf-listen", defaultValue = "127.0.0.1:0",
            description = "The AUSF's h2c listener, HOST:PORT (default ${DEFAULT-VALUE}).")
    String ausfListen;

    @Option(names = "--subscribers", defaultValue = "1",
            description = "How many subscribers, " + FIRST_SUPI + " upwards (default ${DEFAULT-VALUE}).")
    int subscribers;

    @Override
    public Integer call() throws InterruptedException {
        LabHomeNetwork nfs = start();
        System.out.println("labnf: UDM http://" + hostPort(nfs.udmAddress()) + ", AUSF http://"
                + hostPort(nfs.ausfAddress()) + ", subscribers " + supi(1) + " to " + supi(subscribers));
        System.out.flush();
        UntilStopped.await(nfs);
        return 0;
    }

    /** Checks the options and starts both NFs; the caller closes them. */
    LabHomeNetwork start() {
        if (subscribers < 1 || subscribers > UdmSettings.MAX_SUBSCRIBERS) {
            throw new ParameterException(spec.commandLine(), "--subscribers: " + subscribers + " (expected: 1.."
                    + UdmSettings.MAX_SUBSCRIBERS + ")");
        }
        InetSocketAddress udm = address("--udm-listen", udmListen);
        InetSocketAddress ausf = address("--ausf-listen", ausfListen);
        UdmSettings.Builder settings = UdmSettings.builder().apiRoot("http://udm.5gc.mnc001.mcc001.3gppnetwork.org");
        for (int i = 1; i <= subscribers; i++) {
            settings.subscriber(LabSubscriber.of(supi(i), K, OPC, AMF, 0));
        }
        return LabHomeNetwork.start(settings.build(), udm, ausf,
                at -> AusfSettings.builder().apiRoot(AUSF_API_ROOT).udm(at, "udm.5gc.mnc001.mcc001.3gppnetwork.org")
                        .build());
    }

    static String supi(int i) {
        return SUPI_PREFIX + String.format("%010d", i);
    }

    private InetSocketAddress address(String option, String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon > 0) {
                String host = text.substring(0, colon).replace("[", "").replace("]", "");
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    InetSocketAddress a = new InetSocketAddress(host, port);
                    if (!a.isUnresolved()) {
                        return a;
                    }
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new ParameterException(spec.commandLine(), option + ": " + text + " (expected: HOST:PORT)");
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
