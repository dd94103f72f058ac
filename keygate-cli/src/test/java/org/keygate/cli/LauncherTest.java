package org.keygate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./keygate} launcher script (copied from the repository root) in a small source tree with a fake
 * {@code mvn} and a fake JDK, both of which only write what they were asked into log files: when the launcher
 * builds, how often, and whether the tool it runs was reached. The fake mvn writes like the real build does: the
 * jar first, then JMH's generated sources under {@code keygate-bench/target}, which are newer than the jar.
 */
class LauncherTest {
    /** Bound on any wait for a launcher process; a healthy run takes well under a second. */
    private static final long WAIT_SECONDS = 60;
    private static final Instant LONG_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        Files.copy(Path.of("..", "keygate"), root.resolve("keygate"), StandardCopyOption.COPY_ATTRIBUTES);
        write("pom.xml", "<project/>");
        write("keygate-cli/pom.xml", "<project/>");
        write("keygate-cli/src/main/java/org/keygate/cli/Main.java", "class Main {}");
        write("keygate-bench/pom.xml", "<project/>");
        write("keygate-bench/src/main/java/org/keygate/bench/Bench.java", "class Bench {}");
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(LONG_AGO));
            }
        }
        executable("jdk/bin/javac", "exit 0\n");
        executable("jdk/bin/java", """
                if [ "$1" = -XshowSettings:properties ]; then echo '    java.specification.version = 25' >&2; exit 0; fi
                echo "java $*" >> "$ROOT/java.log"
                """);
        executable("bin/mvn", """
                echo "mvn $*" >> "$ROOT/mvn.log"
                if [ -f "$ROOT/hold" ]; then
                  touch "$ROOT/building"
                  i=0; while [ ! -f "$ROOT/release" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
                fi
                if [ -f "$ROOT/fail" ]; then exit 1; fi
                mkdir -p "$ROOT/keygate-cli/target" "$ROOT/keygate-bench/target/generated-sources/annotations"
                touch "$ROOT/keygate-cli/target/keygate.jar" "$ROOT/keygate-bench/target/keygate-bench-0.1.0-SNAPSHOT.jar"
                touch "$ROOT/keygate-bench/target/generated-sources/annotations/Bench_jmhTest.java"
                """);
    }

    @Test
    void afterAFullBuildTwoRunsBuildNothing() throws Exception {
        // A build by hand (mvn verify): jar, then generated sources newer than it; no launcher stamp.
        Files.createDirectories(root.resolve("keygate-cli/target"));
        write("keygate-cli/target/keygate.jar", "jar");
        write("keygate-bench/target/generated-sources/annotations/Bench_jmhTest.java", "class Bench_jmhTest {}");
        Files.setLastModifiedTime(root.resolve("keygate-cli/target/keygate.jar"), FileTime.from(Instant.now()));
        Files.setLastModifiedTime(root.resolve("keygate-bench/target/generated-sources/annotations/Bench_jmhTest.java"),
                FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));

        assertThat(run("lab").exitCode).isZero();
        assertThat(run("sepp", "--config", "x.yaml").exitCode).isZero();

        assertThat(lines("mvn.log")).isEmpty();
        assertThat(lines("java.log")).hasSize(2);
        assertThat(lines("java.log").getLast()).endsWith("-jar " + root.resolve("keygate-cli/target/keygate.jar")
                + " sepp --config x.yaml");
        // The labs' node processes (KeygateProcess) start with the launcher's settings for a node, on this kernel too.
        assertThat(lines("java.log").getLast()).contains(String.join(" ", KeygateProcess.NODE_JAVA_OPTS) + " ");
    }

    @Test
    void afterTheLaunchersOwnTestRunTwoRunsBuildNothing() throws Exception {
        assertThat(run("test").exitCode).isZero();
        assertThat(run("lab").exitCode).isZero();
        assertThat(run("lab").exitCode).isZero();

        assertThat(lines("mvn.log")).containsExactly("mvn -B verify");
        assertThat(lines("java.log")).hasSize(2);
    }

    @Test
    void aChangedSourceOrPomBuildsOnceThenNoMore() throws Exception {
        assertThat(run("lab").exitCode).isZero();
        assertThat(lines("mvn.log")).hasSize(1);

        buildsHappenedLongAgo();
        editedSinceTheBuild("keygate-cli/src/main/java/org/keygate/cli/Main.java");
        Result changed = run("lab");
        assertThat(changed.stderr).contains("keygate: building (first run or sources changed)");
        assertThat(run("lab").exitCode).isZero();
        assertThat(lines("mvn.log")).hasSize(2);

        buildsHappenedLongAgo();
        editedSinceTheBuild("keygate-bench/pom.xml");
        assertThat(run("lab").exitCode).isZero();
        assertThat(run("lab").exitCode).isZero();
        assertThat(lines("mvn.log")).hasSize(3);
        assertThat(lines("java.log")).hasSize(5);
    }

    @Test
    void aFailedBuildIsTriedAgainNextTime() throws Exception {
        write("fail", "");
        assertThat(run("lab").exitCode).isEqualTo(1);
        assertThat(lines("java.log")).isEmpty();
        Files.delete(root.resolve("fail"));
        assertThat(run("lab").exitCode).isZero();
        assertThat(lines("mvn.log")).hasSize(2);
        assertThat(lines("java.log")).hasSize(1);
    }

    @Test
    void twoLaunchersStartedTogetherBuildOnceAndTheSecondSaysItWaits() throws Exception {
        write("hold", "");
        Process first = start("lab");
        awaitFile(root.resolve("building"));
        Path secondErr = root.resolve("second.err");
        Process second = launcher(List.of("sepp")).redirectError(secondErr.toFile()).start();
        for (int i = 0; i < WAIT_SECONDS * 10 && !read(secondErr).contains("waiting for another keygate build"); i++) {
            Thread.sleep(100);
        }
        assertThat(read(secondErr)).contains("keygate: waiting for another keygate build of " + root);
        write("release", "");

        assertThat(first.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(second.exitValue()).isZero();
        assertThat(lines("mvn.log")).hasSize(1);
        assertThat(lines("java.log")).hasSize(2);
        assertThat(read(secondErr)).doesNotContain("keygate: building");
    }

    private record Result(int exitCode, String stderr) {}

    private Result run(String... args) throws Exception {
        Path err = Files.createTempFile(root, "launcher", ".err");
        Process p = launcher(List.of(args)).redirectError(err.toFile()).start();
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("launcher %s finished", List.of(args)).isTrue();
        return new Result(p.exitValue(), read(err));
    }

    private Process start(String... args) throws IOException {
        return launcher(List.of(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private ProcessBuilder launcher(List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("keygate").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("CI");
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().put("ROOT", root.toString());
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("PATH", root.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        return pb;
    }

    private void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 10 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        assertThat(file).exists();
    }

    /** Dates everything the builds wrote (every target directory) 50 minutes back, sources stay an hour old. */
    private void buildsHappenedLongAgo() throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> root.relativize(f).toString().contains("target")).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(LONG_AGO.plus(10, ChronoUnit.MINUTES)));
            }
        }
    }

    /** A file saved after the (aged) builds and before now. */
    private void editedSinceTheBuild(String path) throws IOException {
        Files.setLastModifiedTime(root.resolve(path), FileTime.from(LONG_AGO.plus(20, ChronoUnit.MINUTES)));
    }

    private List<String> lines(String log) throws IOException {
        Path p = root.resolve(log);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void executable(String path, String body) throws IOException {
        write(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(root.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
