package org.keygate.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.keygate.sbi.lab.LabProcess;

/**
 * A {@code keygate} command ({@link KeygateCommand}) as a JVM of its own, with this JVM's java and class path: the
 * labs' daemons and instances ({@code ims-lab}, {@code cluster-lab}) and the tests that kill them.
 */
public final class KeygateProcess {
    /** The launcher's settings for a node (docs/PERFORMANCE.md, JVM settings; {@code node_java_opts} in ./keygate). */
    public static final List<String> NODE_JAVA_OPTS =
            nodeJavaOpts(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));

    private KeygateProcess() {}

    /** With transparent huge pages where the kernel offers them to a process that asks, as the launcher decides. */
    static List<String> nodeJavaOpts(Path transparentHugePages) {
        List<String> opts = new java.util.ArrayList<>(List.of("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:+UseCompactObjectHeaders"));
        try {
            String mode = java.nio.file.Files.readString(transparentHugePages);
            if (mode.contains("[always]") || mode.contains("[madvise]")) {
                opts.add("-XX:+UseTransparentHugePages");
            }
        } catch (IOException e) {
            // no such file (not Linux, or a container without it): no huge pages asked for
        }
        return List.copyOf(opts);
    }

    /** Not yet started; {@code stopWait} is what SIGTERM gets before SIGKILL. */
    public static LabProcess of(String name, List<String> javaOptions, List<String> args, Path logDir,
            Duration stopWait) {
        return LabProcess.java(name, javaOptions, KeygateCommand.class.getName(), args, logDir, stopWait);
    }

    /** Started with the JVM's default settings, 15 s between SIGTERM and SIGKILL (the IMS daemons). */
    public static LabProcess start(String name, Path logDir, String... args) throws IOException {
        return of(name, List.of(), List.of(args), logDir, Duration.ofSeconds(15)).start();
    }
}
