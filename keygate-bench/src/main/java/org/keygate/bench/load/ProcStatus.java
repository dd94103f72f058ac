package org.keygate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.sbi.lab.LabProcess;

/** A node's resident memory from {@code /proc/<pid>/status} (Linux proc(5)), in KiB; empty once the process is gone. */
final class ProcStatus {
    private static final Pattern KIB = Pattern.compile("^(VmRSS|VmHWM):\\s+(\\d+) kB$", Pattern.MULTILINE);

    private ProcStatus() {}

    /** VmRSS, the resident set now. */
    static OptionalLong rssKib(LabProcess node) {
        return field(node, "VmRSS");
    }

    /** VmHWM, the peak resident set since start. */
    static OptionalLong peakRssKib(LabProcess node) {
        return field(node, "VmHWM");
    }

    /**
     * The CPU time of the node's JIT compiler threads (HotSpot names them {@code C1 CompilerThre...} and {@code C2
     * CompilerThre...}, proc(5) {@code task/<tid>/comm}): how much of a JVM's CPU per request is still compilation
     * rather than the requests, which a run too short after the start cannot tell apart. Zero for other processes.
     */
    static java.time.Duration compilerCpu(LabProcess node) {
        Path tasks = Path.of("/proc", Long.toString(node.pid()), "task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    if (Files.readAllLines(t.resolve("comm")).getFirst().matches("C[12] CompilerThre.*")) {
                        ticks += cpuTicks(Files.readAllLines(t.resolve("stat")).getFirst());
                    }
                } catch (IOException | java.util.NoSuchElementException gone) {
                    // the thread ended between the listing and the read: its time is gone with it
                }
            }
        } catch (IOException e) {
            return java.time.Duration.ZERO;
        }
        // proc(5): utime and stime in clock ticks, USER_HZ, 100 on Linux.
        return java.time.Duration.ofMillis(ticks * 10);
    }

    /** utime + stime of a proc(5) stat line; the fields are counted after the command name's closing parenthesis. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static OptionalLong field(LabProcess node, String name) {
        try {
            // readAllLines, not readString: on this JDK readString of a procfs file (size 0) returned its first byte.
            Matcher m = KIB.matcher(String.join("\n", Files.readAllLines(Path.of("/proc", Long.toString(node.pid()),
                    "status"))));
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    return OptionalLong.of(Long.parseLong(m.group(2)));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
