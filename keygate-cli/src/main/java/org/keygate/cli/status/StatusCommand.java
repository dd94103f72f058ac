package org.keygate.cli.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.status.SeppStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keygate status --admin HOST:PORT [--json]}: reads {@code GET /status} from a SEPP's admin listener
 * (docs/OPERATIONS.md) and prints one row per partner. Exit code 0 when every partner is UP, 1 when one is not, 2
 * when the status cannot be read: usable as a check from a script.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a running SEPP's partners, N32-f contexts, counts and last errors (from its admin listener).")
public final class StatusCommand implements Callable<Integer> {
    /** Bound on connecting to and reading the admin listener, which answers from memory. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The status document is a few KiB per partner; more means something else answered. */
    static final int MAX_BODY_BYTES = 4 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--admin", required = true, description = "The SEPP's admin listener, HOST:PORT (admin.listen).")
    String admin;

    @Option(names = "--json", description = "Print the status document as the SEPP sent it.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        URI uri = uri();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] body;
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                    .build();
            HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            body = rsp.body();
            if (rsp.statusCode() != 200) {
                err.println("keygate: " + uri + " answered " + rsp.statusCode() + " (expected: 200 from a SEPP's admin"
                        + " listener): " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
                return 2;
            }
        } catch (IOException e) {
            err.println("keygate: cannot read " + uri + ": " + reason(e) + " (is admin.listen of the SEPP this address?)");
            return 2;
        }
        if (body.length > MAX_BODY_BYTES) {
            err.println("keygate: " + uri + " answered " + body.length + " bytes (expected: at most " + MAX_BODY_BYTES
                    + " from a SEPP's admin listener)");
            return 2;
        }
        SeppStatus status;
        try {
            status = SbiJson.read(body, SeppStatus.class);
        } catch (SbiJsonException e) {
            err.println("keygate: " + uri + " did not answer a SEPP status document: " + e.getMessage());
            return 2;
        }
        if (json) {
            out.println(new String(body, StandardCharsets.UTF_8));
        } else {
            StatusTable.print(status, out);
        }
        out.flush();
        return status.partners().stream().allMatch(p -> p.state() == SeppStatus.PartnerState.UP) ? 0 : 1;
    }

    /** The JDK client's ConnectException (refused, unreachable) carries no message at all. */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "nothing accepted the connection (ConnectException)"
                : e.getClass().getSimpleName();
    }

    private URI uri() {
        try {
            URI u = new URI("http://" + admin + "/status");
            if (u.getHost() != null && u.getPort() > 0 && u.getPort() <= 65535 && u.getRawUserInfo() == null
                    && ("http://" + admin + "/status").equals(u.toString())) {
                return u;
            }
        } catch (URISyntaxException e) {
            // falls through to the message below
        }
        throw new ParameterException(spec.commandLine(), "--admin: " + admin + " (expected: HOST:PORT)");
    }
}
