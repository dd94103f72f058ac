package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** proc(5) stat lines as the JIT compiler threads' CPU is read from them. */
class ProcStatusTest {
    @Test
    void readsUtimeAndStimeAfterACommandNameWithSpacesAndParentheses() {
        // Fields 14 and 15 (utime 731, stime 12) of a HotSpot compiler thread's task stat line, as Linux prints it.
        String stat = "4242 (C2 CompilerThre) S 4200 4200 77 0 -1 1077936192 1130 0 0 0 731 12 0 0 20 0 24 0 "
                + "3300123 4123456789 51234 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 -1 1 0 0 0 0 0";
        assertThat(ProcStatus.cpuTicks(stat)).isEqualTo(743);
        assertThat(ProcStatus.cpuTicks(stat.replace("(C2 CompilerThre)", "(a) (b))"))).isEqualTo(743);
    }
}
