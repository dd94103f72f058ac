package org.keygate.capif.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs openssl or gnutls-cli with bounded time; a missing tool fails the test with what to install. */
final class PeerTool {
    record Result(int exit, String output) {}

    private PeerTool() {}

    static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed; the CAPIF-2e interop tests need it (Debian: "
                + (tool.equals("openssl") ? "openssl" : "gnutls-bin") + ")");
    }

    /** Writes {@code stdin}, keeps it open until the tool ends (the AEF closes after its answer) or 20 s pass. */
    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        require(command.getFirst());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        } catch (IOException e) {
            // The tool already ended (a refused handshake can end it before the request is written: seen with
            // gnutls-cli under load): its exit status and output say what happened; a running one is an error.
            if (p.isAlive()) {
                throw e;
            }
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(command.getFirst() + " did not finish within 20 s; output:\n"
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getOutputStream().close();
        return new Result(p.exitValue(), out);
    }
}
