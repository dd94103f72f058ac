package org.keygate.cli.ims;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keygate.ims.config.MrfpSettings;
import org.keygate.ims.mrfp.Mrfp;
import org.keygate.ims.mrfp.MrfpControlApi;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sbi.server.ServerDrain;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygate ims mrfp --config mrfp.yaml}: the MRFP and its control API until stopped. */
@Command(name = "mrfp", mixinStandardHelpOptions = true,
        description = "Run the MRFP (MSRP relay, BFCP floor server over TLS-PSK) from its YAML configuration.")
public final class ImsMrfpCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The MRFP's YAML configuration file.")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MrfpSettings s = ImsDaemon.load(spec, config, MrfpSettings::load);
        if (check) {
            spec.commandLine().getOut().println(config + ": OK (MRFP control on " + s.control() + ", media on "
                    + s.media().mediaHost() + " ports " + s.media().minPort() + "-" + s.media().maxPort() + ")");
            return 0;
        }
        ImsDaemon daemon = new ImsDaemon(s.drainTimeout());
        try {
            Mrfp mrfp = daemon.keep(new Mrfp(s.media(), daemon.meters));
            SbiServer api = daemon.keep(SbiServer.builder().name("mrfp-control").bind(s.control()).cleartext()
                    .meterRegistry(daemon.meters).handler(new MrfpControlApi(mrfp)).build().start());
            // SIGTERM: no new conferences or streams; the established ones run on (the control API still serving the
            // MRFC's releases and polls) for at most the drain timeout, then close with TLS close_notify; last the
            // control API's own requests in progress are answered (docs/IMS.md "Stopping")
            daemon.drain(mrfp::drain);
            daemon.drain(left -> ServerDrain.drain("MRFP control API", List.of(api), left));
            var admin = daemon.admin(s.admin());
            spec.commandLine().getOut().println("keygate ims mrfp: control API on " + api.localAddress()
                    + admin.map(a -> ", admin on " + a).orElse(""));
            spec.commandLine().getOut().flush();
        } catch (Exception e) {
            throw daemon.abort(e);
        }
        daemon.untilStopped();
        return 0;
    }
}
