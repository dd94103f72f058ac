package org.keygate.crypto.nonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void acceptsEachSeqOnceAndToleratesReordering() {
        ReplayWindow w = new ReplayWindow(8);
        assertThat(w.accept(0)).isTrue();
        assertThat(w.accept(2)).isTrue();
        assertThat(w.accept(1)).isTrue();
        assertThat(w.accept(1)).isFalse();
        assertThat(w.accept(2)).isFalse();
    }

    @Test
    void refusesWhatFellOutOfTheWindow() {
        ReplayWindow w = new ReplayWindow(8);
        assertThat(w.accept(3)).isTrue();
        assertThat(w.accept(20)).isTrue();
        assertThat(w.accept(12)).isFalse();
        assertThat(w.accept(13)).isTrue();
        assertThat(w.accept(13)).isFalse();
    }

    @Test
    void aFarJumpClearsTheOldSlots() {
        ReplayWindow w = new ReplayWindow(4);
        assertThat(w.accept(1)).isTrue();
        assertThat(w.accept(1001)).isTrue();
        assertThat(w.accept(1000)).isTrue();
        assertThat(w.accept(999)).isTrue();
        assertThat(w.accept(997)).isFalse();
    }

    @Test
    void refusesValuesOutsideUint32AndBadSizes() {
        ReplayWindow w = new ReplayWindow(ReplayWindow.DEFAULT_SIZE);
        assertThat(w.accept(-1)).isFalse();
        assertThat(w.accept(1L << 32)).isFalse();
        assertThatThrownBy(() -> new ReplayWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Against a reference model written from RFC 4303 3.4.3 with a plain set: accept iff never accepted and not
     * at or below (highest - size). Random walks with reordering, duplicates and jumps; fixed seed.
     */
    @Test
    void agreesWithASetBasedModel() {
        java.util.Random random = new java.util.Random(4303);
        for (int size : new int[] {1, 3, 64, ReplayWindow.DEFAULT_SIZE}) {
            ReplayWindow w = new ReplayWindow(size);
            java.util.Set<Long> accepted = new java.util.HashSet<>();
            long highest = -1;
            long cursor = 0;
            for (int i = 0; i < 20_000; i++) {
                int kind = random.nextInt(10);
                long seq = kind < 6 ? cursor++
                        : kind < 9 ? Math.max(0, cursor - random.nextInt(2 * size + 2))
                        : cursor + random.nextInt(5 * size + 1);
                boolean expected = !accepted.contains(seq) && seq > highest - size;
                assertThat(w.accept(seq)).as("size %d step %d seq %d", size, i, seq).isEqualTo(expected);
                if (expected) {
                    accepted.add(seq);
                    highest = Math.max(highest, seq);
                    cursor = Math.max(cursor, seq + 1);
                }
            }
        }
    }

    @Test
    void theDefaultWindowHoldsDefaultSizeValues() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.accept(5000)).isTrue();
        assertThat(w.accept(5000 - ReplayWindow.DEFAULT_SIZE + 1)).isTrue();
        assertThat(w.accept(5000 - ReplayWindow.DEFAULT_SIZE)).isFalse();
    }

    @Test
    void acceptsTheLastSeqOfTheSequence() {
        ReplayWindow w = new ReplayWindow(16);
        assertThat(w.accept(0xFFFFFFFFL)).isTrue();
        assertThat(w.accept(0xFFFFFFFFL)).isFalse();
        assertThat(w.accept(0xFFFFFFF0L)).isTrue();
        assertThat(w.accept(0xFFFFFFEFL)).isFalse();
    }
}
