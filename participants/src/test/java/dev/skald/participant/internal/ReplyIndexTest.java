package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyIndexTest {
    private static final long HOUR = 3_600_000;
    private final ReplyIndex index = new ReplyIndex(24 * HOUR);

    @Test
    void findsRepliesByPartitionAndCommandId() {
        byte[] reply = {1};
        index.put(0, "a", reply, 10 * HOUR, 10 * HOUR);

        assertThat(index.get(0, "a")).isSameAs(reply);
        assertThat(index.get(1, "a")).isNull();
        assertThat(index.get(0, "b")).isNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void evictsRepliesOlderThanTheRetention() {
        index.put(0, "old", new byte[] {1}, HOUR, HOUR);
        index.put(0, "new", new byte[] {2}, 20 * HOUR, 20 * HOUR);
        index.put(1, "other", new byte[] {3}, 2 * HOUR, 2 * HOUR);

        index.evictExpired(26 * HOUR + 1);

        assertThat(index.get(0, "old")).isNull();
        assertThat(index.get(1, "other")).isNull();
        assertThat(index.get(0, "new")).isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void ignoresRepliesAlreadyOutsideTheWindowWhenRestoring() {
        index.put(0, "ancient", new byte[] {1}, HOUR, 30 * HOUR);

        assertThat(index.get(0, "ancient")).isNull();
        assertThat(index.size()).isZero();
    }

    @Test
    void forgetsARevokedPartitionAndATombstonedCommand() {
        index.put(0, "a", new byte[] {1}, HOUR, HOUR);
        index.put(1, "b", new byte[] {2}, HOUR, HOUR);
        index.put(1, "c", new byte[] {3}, HOUR, HOUR);

        index.drop(0);
        index.remove(1, "b");

        assertThat(index.get(0, "a")).isNull();
        assertThat(index.get(1, "b")).isNull();
        assertThat(index.get(1, "c")).isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }
}
