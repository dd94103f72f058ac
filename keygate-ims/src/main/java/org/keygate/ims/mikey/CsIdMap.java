package org.keygate.ims.mikey;

import java.util.List;

/**
 * The HDR "CS ID map type" and "CS ID map info": SRTP-ID (RFC 3830 6.1.1), Empty map (RFC 4563) or GENERIC-ID
 * (RFC 6043 6.1.1). RFC 6043 6.1: the Ticket Transfer exchange uses GENERIC-ID, never SRTP-ID; Ticket Request
 * and Resolve carry #CS = 0 with the Empty map (4.2.1.1, 4.2.3.1).
 */
public sealed interface CsIdMap {
    /** RFC 3830 Table 6.1.d. */
    int SRTP_ID = 0;
    /** RFC 4563 4.1. */
    int EMPTY = 1;
    /** RFC 6043 Table 6.4. */
    int GENERIC_ID = 2;

    int mapType();

    int csCount();

    /** SRTP-ID map info (RFC 3830 6.1.1): one entry per crypto session. */
    record SrtpIdMap(List<SrtpId> entries) implements CsIdMap {
        public SrtpIdMap {
            entries = List.copyOf(entries);
            if (entries.size() > 0xFF) {
                throw new IllegalArgumentException("#CS: " + entries.size() + " (expected: at most 255)");
            }
        }

        @Override
        public int mapType() {
            return SRTP_ID;
        }

        @Override
        public int csCount() {
            return entries.size();
        }
    }

    /** Empty map (RFC 4563): no map info; #CS as given (0 in the Ticket Request and Resolve exchanges). */
    record EmptyMap(int csCount) implements CsIdMap {
        public EmptyMap {
            if (csCount < 0 || csCount > 0xFF) {
                throw new IllegalArgumentException("#CS: " + csCount + " (expected: 0..255)");
            }
        }

        @Override
        public int mapType() {
            return EMPTY;
        }
    }

    /** GENERIC-ID map info (RFC 6043 6.1.1): one block per crypto session. */
    record GenericIdMap(List<CryptoSession> sessions) implements CsIdMap {
        public GenericIdMap {
            sessions = List.copyOf(sessions);
            if (sessions.size() > 0xFF) {
                throw new IllegalArgumentException("#CS: " + sessions.size() + " (expected: at most 255)");
            }
        }

        @Override
        public int mapType() {
            return GENERIC_ID;
        }

        @Override
        public int csCount() {
            return sessions.size();
        }
    }

    /** One SRTP-ID entry (RFC 3830 6.1.1). */
    record SrtpId(int policyNo, long ssrc, long roc) {
        public SrtpId {
            Fields.u8("Policy_no", policyNo);
            Fields.u32("SSRC", ssrc);
            Fields.u32("ROC", roc);
        }
    }
}
