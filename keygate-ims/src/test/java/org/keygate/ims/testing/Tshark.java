package org.keygate.ims.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the installed tshark on a capture; fails with what to install when it is missing. */
public final class Tshark {
    private Tshark() {
    }

    /** tshark's standard output for {@code args} after {@code -r capture}; a non-zero exit fails with its stderr. */
    public static String run(Path capture, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AssertionError("tshark is needed for this interop test: apt-get install tshark", e);
        }
        // stderr is small (warnings); read it after stdout
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(p.exitValue()).as("tshark exit status, stderr: %s", errors).isZero();
        return output;
    }

    /** Asserts tshark finds no malformed packet and no error-level expert info. */
    public static void assertClean(Path capture, String... decodeAs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String d : decodeAs) {
            args.add("-d");
            args.add(d);
        }
        args.add("-Y");
        args.add("_ws.malformed || _ws.expert.severity >= \"Error\"");
        String bad = run(capture, args.toArray(String[]::new));
        assertThat(bad.strip()).as("packets tshark flags as malformed or in error").isEmpty();
    }
}
