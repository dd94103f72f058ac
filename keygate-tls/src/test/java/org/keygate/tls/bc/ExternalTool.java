package org.keygate.tls.bc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an installed peer (openssl, gnutls-cli) with bounded time; fails clearly when the tool is missing. */
final class ExternalTool {
    record Result(int exit, String output) {}

    private ExternalTool() {}

    static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed; these interop tests need it (Debian: "
                + (tool.equals("openssl") ? "openssl" : "gnutls-bin") + ")");
    }

    /** Runs {@code command}, writes {@code stdin} then keeps stdin open until the process ends or 20 s pass. */
    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        return run(command, stdin, false);
    }

    /** As {@link #run(List, String)}; with {@code closeStdin} the tool sees end of input right after {@code stdin}. */
    static Result run(List<String> command, String stdin, boolean closeStdin) throws IOException, InterruptedException {
        require(command.getFirst());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        if (closeStdin) {
            p.getOutputStream().close();
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError(command.getFirst() + " did not finish within 20 s; output:\n" + out);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!closeStdin) {
            p.getOutputStream().close();
        }
        return new Result(p.exitValue(), out);
    }
}
