package org.keygate.cli.ims;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.keygate.ims.config.KmsSettings;
import org.keygate.ims.kms.KmsServer;
import org.keygate.ims.kms.KmsService;
import org.keygate.ims.kms.KmsTls;
import org.keygate.ims.kms.MvReplayJournal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygate ims kms --config kms.yaml}: the MIKEY-TICKET KMS until stopped (docs/IMS.md, "kms.yaml"). */
@Command(name = "kms", mixinStandardHelpOptions = true,
        description = "Run the MIKEY-TICKET KMS (RFC 6043) from its YAML configuration (see docs/IMS.md).")
public final class ImsKmsCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The KMS's YAML configuration file.")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KmsSettings s = ImsDaemon.load(spec, config, KmsSettings::load);
        if (check) {
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
            SSLContext tls = KmsTls.context(s.tls().own(), s.tls().trustAnchors());
            daemon.watchCertificates("kms", s.tls().own(), s.tls().trustAnchors());
            KmsServer server = daemon.keep(KmsServer.start(b.build(), s.bind(), tls, KmsTls.serverParameters(tls)));
            // SIGTERM: the listener stops accepting (GOAWAY), the Ticket Requests and Resolves taken are answered,
            // their replay entries committed, before the journal closes
            daemon.drain(left -> server.drain("KMS " + s.identity(), left));
            var admin = daemon.admin(s.admin());
            spec.commandLine().getOut().println("keygate ims kms: " + s.identity() + " listening on "
                    + server.localAddress() + admin.map(a -> ", admin on " + a).orElse(""));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw daemon.abort(e);
        }
        daemon.untilStopped();
        return 0;
    }
}
