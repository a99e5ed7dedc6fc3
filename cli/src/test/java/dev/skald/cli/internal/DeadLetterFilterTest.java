package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {
    private static DeadLetter letter(String saga, String kind, String reason) {
        return new DeadLetter(0, 7, Instant.EPOCH, saga.getBytes(StandardCharsets.UTF_8), new byte[0], List.of(
                new RecordHeader("trace", "t".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("skald.dlq.kind", kind.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("skald.dlq.reason", reason.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("skald.dlq.topic", "skald.saga-starts".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void selectsBySagaKindAndReason() {
        DeadLetter unknown = letter("s-1", "UNKNOWN_DEFINITION", "no definition 'order' has been applied");

        assertThat(new DeadLetterFilter("s-1", null, null).test(unknown)).isTrue();
        assertThat(new DeadLetterFilter("s-2", null, null).test(unknown)).isFalse();
        assertThat(new DeadLetterFilter(null, "unknown_definition", null).test(unknown)).isTrue();
        assertThat(new DeadLetterFilter(null, null, "NO DEFINITION").test(unknown)).isTrue();
        assertThat(new DeadLetterFilter(null, "REJECTED", null).test(unknown)).isFalse();
        assertThat(DeadLetterFilter.ALL.test(unknown)).isTrue();
    }

    @Test
    void keepsTheOriginalHeadersApartFromTheDeadLetterOnes() {
        DeadLetter letter = letter("s-1", "REJECTED", "why");

        assertThat(letter.originalHeaders()).extracting(h -> h.key()).containsExactly("trace");
        assertThat(letter.id()).isEqualTo("0:7");
        assertThat(letter.originTopic()).isEqualTo("skald.saga-starts");
    }
}
