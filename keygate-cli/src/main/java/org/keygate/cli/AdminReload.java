package org.keygate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.config.ListenerConfig;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code keygate sepp|ipx reload}, {@code keygate ims kms|mrfc reload} and {@code keygate capif ccf|aef reload}
 * share: {@code POST /reload} on a running node's admin
 * listener (docs/OPERATIONS.md "Reload without restart"), and SIGHUP for the node itself. The node re-reads its own
 * file and answers {@code {"outcome": "applied"|"refused", "detail": ...}}.
 */
public final class AdminReload {
    /** The node answers once the new file is applied; fetching a new CRL may take its 10 s, building TLS far less. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private AdminReload() {}

    /**
     * {@code keygate sepp|ipx reload --config FILE [--admin HOST:PORT]}: asks the node at {@code --admin}, or else at
     * {@code admin.listen} of its file, which the caller has loaded (so that a typo is shown without a round trip; the
     * running node would refuse it the same way). Exit codes as {@link #ask}; no admin listener at all is a usage
     * error that names the member.
     */
    public static int askNodeOf(CommandLine cmd, Path config, String adminOption, Optional<ListenerConfig> fileAdmin)
            throws InterruptedException {
        String target = adminOption != null ? adminOption : fileAdmin.map(l -> hostPort(l.address())).orElseThrow(
                () -> new ParameterException(cmd, config + ": admin.listen: absent (expected: the admin listener the"
                        + " reload is asked through; or give --admin)"));
        return ask(target, config.toString(), cmd.getOut(), cmd.getErr());
    }

    /**
     * As {@link #askNodeOf}, for a daemon whose file names its admin listener in the member {@code adminMember} (the
     * IMS daemons' and the CAPIF CCF's and AEF's {@code admin}).
     */
    public static int askDaemonOf(CommandLine cmd, Path config, String adminOption,
            Optional<InetSocketAddress> fileAdmin, String adminMember) throws InterruptedException {
        String target = adminOption != null ? adminOption : fileAdmin.map(AdminReload::hostPort).orElseThrow(
                () -> new ParameterException(cmd, config + ": " + adminMember + ": absent (expected: the admin listener"
                        + " the reload is asked through; or give --admin)"));
        return ask(target, config.toString(), cmd.getOut(), cmd.getErr());
    }

    /** Exit codes: 0 applied, 1 refused by the node, 2 the node cannot be asked or answered something else. */
    public static int ask(String adminHostPort, String what, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        URI uri = URI.create("http://" + adminHostPort + "/reload");
        HttpResponse<byte[]> rsp;
        try {
            rsp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                    .build().send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            err.println("keygate: cannot ask " + uri + ": " + e + " (is the node of " + what + " running?)");
            return 2;
        }
        Map<?, ?> answer;
        try {
            answer = SbiJson.read(rsp.body(), Map.class);
        } catch (RuntimeException e) {
            err.println("keygate: " + uri + " answered " + rsp.statusCode() + " without a reload outcome");
            return 2;
        }
        Object outcome = answer.get("outcome");
        Object detail = answer.containsKey("detail") ? answer.get("detail") : answer;
        if ("applied".equals(outcome)) {
            out.println("reloaded " + what + ": " + detail);
            out.flush();
            return 0;
        }
        err.println("keygate: the node refused " + what + ", its running configuration stays: " + detail);
        return "refused".equals(outcome) ? 1 : 2;
    }

    /**
     * A daemon with a {@code reload} subcommand leaves {@code --config} optional for picocli (the subcommand takes it
     * instead); the daemon itself requires it, with picocli's own message.
     */
    public static void requireConfig(CommandLine.Model.CommandSpec spec, Path config) {
        if (config == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--config=<config>'");
        }
    }

    /** {@code host:port} of a listener address, IPv6 in brackets. */
    public static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * Runs {@code reload} on SIGHUP, the daemons' usual "re-read your configuration" (the outcome goes to the log).
     * {@code sun.misc.Signal} is the JDK's only way to catch it; where the platform has no SIGHUP, reload through the
     * admin listener.
     */
    public static void onHangup(Runnable reload) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> reload.run());
        } catch (IllegalArgumentException e) {
            System.err.println("keygate: no SIGHUP here (" + e.getMessage() + "): reload through the admin listener");
        }
    }
}
