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
}
