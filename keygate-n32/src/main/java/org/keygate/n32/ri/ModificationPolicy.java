package org.keygate.n32.ri;

import java.util.List;

/**
 * Which IEs a Roaming Intermediary may modify (TS 33.501 13.2.3.4): JSON pointers into the
 * DataToIntegrityProtectBlock, where a {@code *} segment matches any one member name or index, e.g.
 * {@code /payload/*\/value/nfInstanceId}. An operation's target must match a pattern exactly (no prefixes: the RI may
 * change the IE, not whatever lies under or around it).
 */
public record ModificationPolicy(List<String> modifiablePaths) {
    public ModificationPolicy {
        modifiablePaths = List.copyOf(modifiablePaths);
        for (String p : modifiablePaths) {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("modifiable path: " + p + " (expected: a JSON pointer, /...)");
            }
        }
    }

    /** No RI may change anything. */
    public static ModificationPolicy none() {
        return new ModificationPolicy(List.of());
    }

    public boolean allows(String pointer) {
        String[] target = pointer.split("/", -1);
        for (String pattern : modifiablePaths) {
            String[] p = pattern.split("/", -1);
            if (p.length != target.length) {
                continue;
            }
            boolean match = true;
            for (int i = 1; i < p.length && match; i++) {
                match = p[i].equals("*") || p[i].equals(target[i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
