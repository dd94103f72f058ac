package org.keygate.cli.ims;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.keygate.cli.DaemonReload;
import org.keygate.ims.config.ImsConfigException;
import org.keygate.ims.config.MrfcSettings;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ticket.TransferResponder;
import org.keygate.ims.mrfc.KmsProbe;
import org.keygate.ims.mrfc.Mrfc;
import org.keygate.ims.mrfc.MrfcHealth;
import org.keygate.ims.mrfc.MrfpSupervisor;
import org.keygate.ims.mrfc.ReconnectingKmsResolver;
import org.keygate.ims.mrfp.MrfpControlClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate ims mrfc --config mrfc.yaml}: the MRFC until stopped. At start it creates its conference at the MRFP
 * (which must be up) and then polls it ({@link MrfpSupervisor}: a lost MRFP ends the calls with BYE, a restarted one
 * gets the conference again); the KMS is reached on the first call, and again after it restarts. /healthz is DOWN,
 * with the reason, while the KMS or the MRFP cannot be reached ({@link MrfcHealth}). SIGHUP, or
 * {@code keygate ims mrfc reload}, makes it re-read the file (docs/IMS.md "Reload").
 */
@Command(name = "mrfc", mixinStandardHelpOptions = true, subcommands = ImsReloadCommand.class,
        description = "Run the MRFC (SIP, MIKEY-TICKET responder and initiator) from its YAML configuration.")
public final class ImsMrfcCommand implements Callable<Integer> {
    /** Replay cache entries of the MRFC's TRANSFER_INIT responder. */
    static final int REPLAY_CAPACITY = 100_000;

    // Not required by picocli: `keygate ims mrfc reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The MRFC's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        org.keygate.cli.AdminReload.requireConfig(spec, config);
        MrfcSettings s = ImsDaemon.load(spec, config, MrfcSettings::load);
        if (check) {
            ImsDaemon.checkCertificates(spec, config, s.tls().expiryFindings(java.time.Instant.now()));
            spec.commandLine().getOut().println(config + ": OK (MRFC " + s.node().identity() + " on "
                    + s.node().transport() + " " + s.node().sipHost() + ":" + s.node().sipPort() + ", KMS "
                    + s.kmsAddress() + ", MRFP " + s.mrfpControl() + ")");
            return 0;
        }
        ImsDaemon daemon = new ImsDaemon(s.drainTimeout());
        try {
            MrfpControlClient mrfp = new MrfpControlClient(s.mrfpControl());
            MrfpSupervisor supervisor = daemon.keep(new MrfpSupervisor(mrfp, s.node().bfcpConferenceId(),
                    s.node().floorIds(), s.mrfpPollInterval()));
            String conference = supervisor.conferenceId();
            KmsTls.Reloadable reloadableTls = KmsTls.reloadable(s.tls().own(), s.tls().trustAnchors());
            SSLContext tls = reloadableTls.context();
            daemon.watchCertificates("mrfc", s.tls().own(), s.tls().trustAnchors());
            ReconnectingKmsResolver kms = daemon.keep(new ReconnectingKmsResolver(s.kmsAddress(), s.kmsHost(), tls,
                    s.credentials(), s.kmsTimeout(), s.clockSkew()));
            MrfcHealth health = daemon.keep(new MrfcHealth(new KmsProbe(s.kmsAddress(), s.kmsHost(), tls,
                    s.kmsTimeout()), s.kmsProbeInterval(), supervisor));
            Clock clock = Clock.systemUTC();
            TransferResponder responder = new TransferResponder(s.node().identity(), s.node().tlsProtType(),
                    new MikeyReplayCache(s.clockSkew(), REPLAY_CAPACITY, clock), clock, new SecureRandom());
            Mrfc mrfc = daemon.keep(new Mrfc(s.nodeFor(conference), mrfp, kms, responder, clock)
                    .meters(daemon.meters).supervisedBy(supervisor).start());
            // SIGTERM: INVITEs in progress answered (new ones 503), calls ended by BYE, with the KMS and MRFP still
            // reachable (docs/IMS.md "Stopping")
            daemon.drain(mrfc::drain);
            MrfcSettings[] running = {s};
            var admin = daemon.admin(s.admin(), health::checks, new DaemonReload("MRFC " + s.node().identity(),
                    config, daemon.meters, ImsDaemon.RELOADS, ImsConfigException.class, file -> {
                        MrfcSettings next = MrfcSettings.load(file);
                        next.checkReloadable(file, running[0]);
                        reloadableTls.reload(next.tls().own(), next.tls().trustAnchors()); // a failure changes nothing
                        kms.reload(next.credentials()); // the next ticket: a new KMS connection, the new key
                        daemon.rewatchCertificates("mrfc", next.tls().own(), next.tls().trustAnchors());
                        running[0] = next;
                        return "TLS certificate " + next.tls().own().leaf().getSubjectX500Principal() + " with "
                                + next.tls().trustAnchors().size() + " trust anchor(s) toward the KMS, and the KMS"
                                + " key of kms.pskFile, from the next ticket on";
                    }));
            spec.commandLine().getOut().println("keygate ims mrfc: " + s.node().identity() + " on "
                    + s.node().transport() + " " + s.node().sipHost() + ":" + s.node().sipPort() + ", MRFP conference "
                    + conference + admin.map(a -> ", admin on " + a).orElse(""));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw daemon.abort(e);
        }
        daemon.untilStopped();
        return 0;
    }
}
