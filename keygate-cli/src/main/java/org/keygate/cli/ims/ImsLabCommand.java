package org.keygate.cli.ims;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate ims lab}: writes a lab CA and the files of a KMS (HTTP over mutual TLS), an MRFP (with its JSON
 * control API) and an MRFC (SIP), starts the three as {@code keygate ims kms|mrfp|mrfc} processes of their own, and
 * runs two scripted UEs against them on loopback. Each UE gets a ticket from the KMS, calls the conference with a
 * TRANSFER_INIT in its SDP, checks the TRANSFER_RESP, and opens TLS-PSK connections to the MRFP with the TEK; Alice's
 * chat message reaches Bob over MSRP and Alice is granted the floor over BFCP; the daemons stop on SIGTERM. Prints
 * each step; exits 0 only if every step worked.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the IMS media-security lab on loopback (KMS, MRFP and MRFC daemons, two UEs) and check every step.")
public final class ImsLabCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Show the UEs' INFO logs (the daemons log to DIR/<node>.log).")
    boolean verbose;

    @Option(names = "--dir", description = "Directory for the PKI, the daemons' files and logs (default: a new temporary one).")
    Path dir;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
        Path labDir = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("keygate-ims-lab-");
        boolean ok;
        try (ImsLab lab = new ImsLab(out, labDir)) {
            ok = lab.run();
        } catch (Exception e) {
            out.println("FAILED: " + e);
            out.println("  the daemons' logs are in " + labDir);
            ok = false;
        }
        out.println(ok ? "keygate ims lab: OK, every step worked" : "keygate ims lab: FAILED");
        return ok ? 0 : 1;
    }
}
