package org.keygate.ims.msrp;

import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of one message received so far, merged, to tell when the whole message is in (RFC 4975 7.3.1:
 * a Success-Report is sent for the whole message once all its bytes are received).
 */
final class ReceivedRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long total = ByteRange.UNKNOWN;

    void add(ByteRange range, long length, boolean last) {
        if (range.total() != ByteRange.UNKNOWN) {
            total = range.total();
        }
        long end = range.start() + length - 1;
        if (last && total == ByteRange.UNKNOWN) {
            total = end;
        }
        if (length == 0) {
            return;
        }
        long start = range.start();
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start - 1) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end + 1) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    boolean complete() {
        if (total == ByteRange.UNKNOWN) {
            return false;
        }
        if (total == 0) {
            return true;
        }
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 1 && first.getValue() >= total;
    }

    long total() {
        return total;
    }
}
