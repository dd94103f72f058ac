package org.keygate.ims.mikey;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code tshark -V} over a capture; fails the test with what to install when tshark is missing. */
public final class TsharkRun {
    private TsharkRun() {}

    public static String verbose(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = List.of("tshark", "-n", "-r", pcap.toString(), "-V", "-d", "udp.port==2269,mikey");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("tshark is needed for this interop test (Debian: apt-get install tshark): " + e.getMessage());
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("tshark did not finish within 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            return fail("tshark exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
