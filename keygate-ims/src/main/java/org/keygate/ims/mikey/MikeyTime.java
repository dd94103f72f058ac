package org.keygate.ims.mikey;

import java.time.Instant;

/**
 * NTP timestamps of T and TR payloads (RFC 3830 4.2.8, 6.6; RFC 6043 6.3): seconds since 1900-01-01 UTC with the
 * RFC 4330 3 rule that a 32-bit seconds value with its top bit clear lies in era 1 (2036-2104), so that values
 * read correctly from 1968 to 2104.
 */
public final class MikeyTime {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    private static final long NTP_TO_UNIX = 2_208_988_800L;

    private MikeyTime() {}

    /** NTP-UTC (64 bits: 32 seconds, 32 fraction). */
    public static Timestamp ntpUtc(Instant t) {
        return new Timestamp(TsType.NTP_UTC, ntp64(t));
    }

    /** NTP-UTC-32 (RFC 6043 6.3: seconds only). */
    public static long ntp32(Instant t) {
        return (t.getEpochSecond() + NTP_TO_UNIX) & 0xFFFFFFFFL;
    }

    public static long ntp64(Instant t) {
        long seconds = ntp32(t);
        long fraction = (((long) t.getNano()) << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The instant of an NTP-UTC, NTP or NTP-UTC-32 value; null for COUNTER, which is no time. */
    public static Instant toInstant(TsType type, long value) {
        return switch (type) {
            case NTP_UTC, NTP -> seconds(value >>> 32).plusNanos(((value & 0xFFFFFFFFL) * 1_000_000_000L) >>> 32);
            case NTP_UTC_32 -> seconds(value);
            case COUNTER -> null;
        };
    }

    /**
     * The 64-bit T of the AES-CM IV (RFC 3830 4.2.3): NTP values as they are, NTP-UTC-32 padded with a zero
     * fraction (RFC 6043 6.3), COUNTER padded with leading zeros (RFC 3830 6.6).
     */
    public static long ivValue(TsType type, long value) {
        return type == TsType.NTP_UTC_32 ? value << 32 : value;
    }

    private static Instant seconds(long ntpSeconds) {
        long era = (ntpSeconds & 0x80000000L) == 0 ? 0x1_0000_0000L : 0; // RFC 4330 3: MSB 0 means 2036 onwards
        return Instant.ofEpochSecond(ntpSeconds + era - NTP_TO_UNIX);
    }
}
