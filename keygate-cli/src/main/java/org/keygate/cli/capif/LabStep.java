package org.keygate.cli.capif;

import java.io.PrintStream;

/** Prints numbered lab steps and remembers whether each behaved as it should. */
final class LabStep {
    private final PrintStream out;
    private int number;
    private boolean allBehaved = true;

    LabStep(PrintStream out) {
        this.out = out;
    }

    void ok(String what, String detail) {
        out.printf("%2d. %-50s ok     %s%n", ++number, what, detail);
    }

    void failed(String what, String detail) {
        allBehaved = false;
        out.printf("%2d. %-50s FAILED %s%n", ++number, what, detail);
    }

    void check(boolean behaved, String what, String detail) {
        if (behaved) {
            ok(what, detail);
        } else {
            failed(what, detail);
        }
    }

    void info(String line) {
        out.println("      " + line);
    }

    boolean allBehaved() {
        return allBehaved;
    }
}
