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
    /** The launcher's settings for a node (docs/PERFORMANCE.md, JVM settings). */
    public static final List<String> NODE_JAVA_OPTS = List.of("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:+UseCompactObjectHeaders");

    private KeygateProcess() {}

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
