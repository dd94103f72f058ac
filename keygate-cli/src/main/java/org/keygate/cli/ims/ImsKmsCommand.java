package org.keygate.cli.ims;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.keygate.cli.DaemonReload;
import org.keygate.ims.config.ImsConfigException;
import org.keygate.ims.config.KmsSettings;
import org.keygate.ims.kms.KmsServer;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.kms.KmsUser;
import org.keygate.ims.kms.MvReplayJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate ims kms --config kms.yaml}: the MIKEY-TICKET KMS until stopped (docs/IMS.md, "kms.yaml"); SIGHUP,
 * or {@code keygate ims kms reload}, makes it re-read the file (docs/IMS.md "Reload").
 */
@Command(name = "kms", mixinStandardHelpOptions = true, subcommands = ImsReloadCommand.class,
        description = "Run the MIKEY-TICKET KMS (RFC 6043) from its YAML configuration (see docs/IMS.md).")
public final class ImsKmsCommand implements Callable<Integer> {
    // Not required by picocli: `keygate ims kms reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The KMS's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        org.keygate.cli.AdminReload.requireConfig(spec, config);
        KmsSettings s = ImsDaemon.load(spec, config, KmsSettings::load);
        if (check) {
            ImsDaemon.checkCertificates(spec, config, s.tls().expiryFindings(java.time.Instant.now()));
            spec.commandLine().getOut().println(config + ": OK (KMS " + s.identity() + " on " + s.bind() + ", "
                    + s.users().size() + " users, state in " + s.stateDir() + ")");
            return 0;
        }
        ImsDaemon daemon = new ImsDaemon(s.drainTimeout());
        try {
            MvReplayJournal journal = daemon.keep(MvReplayJournal.open(s.stateDir().resolve("replay.mv")));
            KmsService.Builder b = KmsService.builder().identity(s.identity()).tpk(s.tpk())
                    .maxTicketLifetime(s.maxTicketLifetime()).skew(s.clockSkew()).replayCapacity(s.replayCapacity())
                    .replayJournal(journal).meterRegistry(daemon.meters);
            s.users().forEach(b::user);
            KmsService service = b.build();
            KmsTls.Reloadable tls = KmsTls.reloadable(s.tls().own(), s.tls().trustAnchors());
            daemon.watchCertificates("kms", s.tls().own(), s.tls().trustAnchors());
            KmsServer server = daemon.keep(KmsServer.start(service, s.bind(), tls.context(),
                    KmsTls.serverParameters(tls.context())));
            // SIGTERM: the listener stops accepting (GOAWAY), the Ticket Requests and Resolves taken are answered,
            // their replay entries committed, before the journal closes
            daemon.drain(left -> server.drain("KMS " + s.identity(), left));
            KmsSettings[] running = {s};
            var admin = daemon.admin(s.admin(), java.util.Map::of, new DaemonReload("KMS " + s.identity(),
                    config, daemon.meters, ImsDaemon.RELOADS, ImsConfigException.class, file -> {
                        KmsSettings next = KmsSettings.load(file);
                        next.checkReloadable(file, running[0]);
                        tls.reload(next.tls().own(), next.tls().trustAnchors()); // builds first: a failure changes nothing
                        service.reload(next.users(), next.maxTicketLifetime());
                        daemon.rewatchCertificates("kms", next.tls().own(), next.tls().trustAnchors());
                        String what = changes(running[0], next);
                        running[0] = next;
                        return what;
                    }));
            spec.commandLine().getOut().println("keygate ims kms: " + s.identity() + " listening on "
                    + server.localAddress() + admin.map(a -> ", admin on " + a).orElse(""));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw daemon.abort(e);
        }
        daemon.untilStopped();
        return 0;
    }

    /** One line for the log and {@code keygate ims kms reload}: users by identity, never a key. */
    static String changes(KmsSettings before, KmsSettings after) {
        Set<String> old = before.users().stream().map(KmsUser::identity).collect(Collectors.toCollection(TreeSet::new));
        Set<String> now = after.users().stream().map(KmsUser::identity).collect(Collectors.toCollection(TreeSet::new));
        Set<String> added = new TreeSet<>(now);
        added.removeAll(old);
        Set<String> removed = new TreeSet<>(old);
        removed.removeAll(now);
        return "users added " + added + ", removed " + removed + ", " + now.size() + " in all; maxTicketLifetime "
                + after.maxTicketLifetime() + "; TLS certificate " + after.tls().own().leaf().getSubjectX500Principal()
                + " with " + after.tls().trustAnchors().size() + " trust anchor(s)";
    }
}
