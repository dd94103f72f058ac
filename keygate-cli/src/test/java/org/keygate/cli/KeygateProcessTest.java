package org.keygate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's JVM settings ask for transparent huge pages only where the kernel gives them to a process that asks. */
class KeygateProcessTest {
    @TempDir
    Path dir;

    @Test
    void hugePagesAreAskedForWhenTheKernelOffersThem() throws IOException {
        // The file's three spellings (Documentation/admin-guide/mm/transhuge.rst): the mode in force in brackets.
        assertThat(KeygateProcess.nodeJavaOpts(file("always [madvise] never\n")))
                .endsWith("-XX:+UseCompactObjectHeaders", "-XX:+UseTransparentHugePages");
        assertThat(KeygateProcess.nodeJavaOpts(file("[always] madvise never\n")))
                .contains("-XX:+UseTransparentHugePages");
        assertThat(KeygateProcess.nodeJavaOpts(file("always madvise [never]\n")))
                .containsExactly("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders");
        assertThat(KeygateProcess.nodeJavaOpts(dir.resolve("absent")))
                .containsExactly("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders");
    }

    private Path file(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "enabled", ""), content);
    }
}
