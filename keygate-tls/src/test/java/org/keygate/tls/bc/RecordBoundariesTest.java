package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The pieces a stream of TLS records is offered in, however the reads cut it. */
class RecordBoundariesTest {
    @RepeatedTest(200)
    void piecesEndAtEveryRecordEndAndOtherwiseOnlyWhereAReadEnds(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        TreeSet<Integer> recordEnds = new TreeSet<>();
        for (int r = 0; r < 1 + random.nextInt(30); r++) {
            int fragment = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(16_384 + 256);
            // RFC 5246 6.2.1: type, version, length (big-endian), fragment
            stream.write(23);
            stream.write(3);
            stream.write(3);
            stream.write(fragment >> 8);
            stream.write(fragment & 0xFF);
            byte[] body = new byte[fragment];
            random.nextBytes(body);
            stream.writeBytes(body);
            recordEnds.add(stream.size());
        }
        byte[] octets = stream.toByteArray();
        TreeSet<Integer> readEnds = new TreeSet<>();
        for (int at = 0; at < octets.length; ) {
            at = Math.min(octets.length, at + 1 + random.nextInt(random.nextBoolean() ? 8 : 40_000));
            readEnds.add(at);
        }

        RecordBoundaries boundaries = new RecordBoundaries();
        TreeSet<Integer> cuts = new TreeSet<>();
        int readStart = 0;
        for (int readEnd : readEnds) {
            byte[] read = java.util.Arrays.copyOfRange(octets, readStart, readEnd); // as the handler's reused array
            for (int from = 0; from < read.length; ) {
                int n = boundaries.next(read, from, read.length);
                assertThat(n).isPositive();
                from += n;
                cuts.add(readStart + from);
            }
            readStart = readEnd;
        }

        TreeSet<Integer> expected = new TreeSet<>(recordEnds);
        expected.addAll(readEnds);
        assertThat(cuts).isEqualTo(expected);
    }

    @Test
    void aHeaderSplitOneOctetAtATimeStillFindsTheRecordsEnd() {
        byte[] record = {22, 3, 3, 0, 3, 1, 2, 3, 23, 3, 3, 0, 0};
        RecordBoundaries boundaries = new RecordBoundaries();
        for (int i = 0; i < 4; i++) {
            assertThat(boundaries.next(record, i, i + 1)).isEqualTo(1);
        }
        assertThat(boundaries.next(record, 4, record.length)).as("the header's last octet and the fragment").isEqualTo(4);
        assertThat(boundaries.next(record, 8, record.length)).as("an empty record").isEqualTo(5);
    }
}
