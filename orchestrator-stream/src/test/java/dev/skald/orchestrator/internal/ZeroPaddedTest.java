package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZeroPaddedTest {

    @Test
    void writesWhatStringFormatWrites() {
        long[] values = {0, 1, 7, 42, 999_999_999, 1_234_567_890, 9_999_999_999L, 12_345_678_901L, -1, -42,
                Long.MAX_VALUE, 1_764_198_000_123L};
        for (long value : values) {
            assertThat(ZeroPadded.of(value, 10)).isEqualTo(String.format("%010d", value));
            assertThat(ZeroPadded.of(value, 16)).isEqualTo(String.format("%016d", value));
        }
    }
}
