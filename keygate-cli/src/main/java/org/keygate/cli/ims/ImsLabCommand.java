package org.keygate.cli.ims;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate ims lab}: a KMS (HTTP over mutual TLS), an MRFP (with its JSON control API), an MRFC (SIP) and two
 * scripted UEs on loopback. Each UE gets a ticket from the KMS, calls the conference with a TRANSFER_INIT in its SDP,
 * checks the TRANSFER_RESP, and opens TLS-PSK connections to the MRFP with the TEK; Alice's chat message reaches Bob
 * over MSRP and Alice is granted the floor over BFCP. Prints each step; exits 0 only if every step worked.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the IMS media-security lab on loopback (KMS, MRFC, MRFP, two UEs) and check every step.")
public final class ImsLabCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Show the nodes' INFO logs.")
    boolean verbose;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
        boolean ok;
        try (ImsLab lab = new ImsLab(out)) {
            ok = lab.run();
        } catch (Exception e) {
            out.println("FAILED: " + e);
            ok = false;
        }
        out.println(ok ? "keygate ims lab: OK, every step worked" : "keygate ims lab: FAILED");
        return ok ? 0 : 1;
    }
}
