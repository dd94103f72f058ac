package org.keygate.cli.sepp;

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
import java.util.concurrent.Callable;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keygate sepp reload --config FILE}: asks the SEPP running from FILE to read it again, through its admin
 * listener ({@code POST /reload} on {@code admin.listen}, docs/OPERATIONS.md "Reload"); the SEPP validates the file
 * itself and answers what it did. The file is checked here first, so that a typo is shown without a round trip (the
 * running SEPP would refuse it the same way). Exit codes: 0 applied, 1 refused by the SEPP, 2 the file is invalid or
 * the SEPP cannot be asked.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running SEPP re-read its configuration file (through its admin listener).")
public final class SeppReloadCommand implements Callable<Integer> {
    /** The SEPP answers once the new file is applied; fetching a new CRL may take its 10 s, building TLS far less. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, description = "The running SEPP's YAML configuration file.")
    Path config;

    @Option(names = "--admin", description = "The SEPP's admin listener, HOST:PORT (default: admin.listen of the file).")
    String admin;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SeppConfig cfg = SeppConfigLoader.load(config); // a ConfigException: exit 2 with the member named
        String target = admin != null ? admin : cfg.admin().map(l -> hostPort(l.address())).orElseThrow(
                () -> new ParameterException(spec.commandLine(), config + ": admin.listen: absent (expected: the"
                        + " admin listener the reload is asked through; or give --admin)"));
        URI uri = URI.create("http://" + target + "/reload");
        HttpResponse<byte[]> rsp;
        try {
            rsp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                    .build().send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            err.println("keygate: cannot ask " + uri + ": " + e + " (is the SEPP of " + config + " running?)");
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
            out.println("reloaded " + config + ": " + detail);
            out.flush();
            return 0;
        }
        err.println("keygate: the SEPP refused " + config + ", its running configuration stays: " + detail);
        return "refused".equals(outcome) ? 1 : 2;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
