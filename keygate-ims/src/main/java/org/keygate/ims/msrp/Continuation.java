package org.keygate.ims.msrp;

/** The continuation flag of an end-line (RFC 4975 7.1): more chunks follow, last chunk, or message aborted. */
public enum Continuation {
    MORE('+'),
    END('$'),
    ABORT('#');

    private final char flag;

    Continuation(char flag) {
        this.flag = flag;
    }

    public char flag() {
        return flag;
    }

    static Continuation of(int flag) {
        for (Continuation c : values()) {
            if (c.flag == flag) {
                return c;
            }
        }
        return null;
    }
}
