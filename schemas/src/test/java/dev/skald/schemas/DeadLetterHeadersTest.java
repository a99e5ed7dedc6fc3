package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The header names are on the wire: dead letters already written, and the CLI of another version, read them. */
class DeadLetterHeadersTest {

    @Test
    void theHeaderNamesOnTheWireNeverChange() {
        assertThat(new String[] {DeadLetterHeaders.KIND, DeadLetterHeaders.REASON, DeadLetterHeaders.TOPIC,
            DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.SAGA_ID, DeadLetterHeaders.STACK,
            DeadLetterHeaders.TRUNCATED, DeadLetterHeaders.HEADERS_DROPPED, DeadLetterHeaders.PARTICIPANT,
            DeadLetterHeaders.COMMAND_ID, DeadLetterHeaders.REDRIVEN_FROM})
                .containsExactly("skald.dlq.kind", "skald.dlq.reason", "skald.dlq.topic", "skald.dlq.partition",
                        "skald.dlq.offset", "skald.dlq.saga-id", "skald.dlq.stack", "skald.dlq.truncated",
                        "skald.dlq.headers-dropped", "skald.dlq.participant", "skald.dlq.command-id",
                        "skald.redriven-from");
    }

    @Test
    void onlyTheDeadLettersOwnHeadersCarryItsPrefix() {
        assertThat(DeadLetterHeaders.isDeadLetterHeader(DeadLetterHeaders.KIND)).isTrue();
        assertThat(DeadLetterHeaders.isDeadLetterHeader("traceparent")).isFalse();
        assertThat(DeadLetterHeaders.isDeadLetterHeader(DeadLetterHeaders.REDRIVEN_FROM)).isFalse();
    }
}
