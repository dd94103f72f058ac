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
