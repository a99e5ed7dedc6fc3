package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.schemas.DeadLetterHeaders;
import dev.skald.schemas.DeadLetterKind;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {
    private static final DeadLetterRecord.Origin ORIGIN = new DeadLetterRecord.Origin("skald.saga-starts", 3, 42L);

    @Test
    void aRecordNearTheSizeLimitIsCutToFitAndKeepsItsOrigin() {
        byte[] value = new byte[1_048_000];
        Header[] headers = {new RecordHeader("trace", new byte[300_000]), new RecordHeader("b", new byte[300_000])};

        DeadLetterRecord letter = DeadLetterRecord.of("k".repeat(5000), value, headers, DeadLetterKind.TOO_LARGE,
                "x".repeat(100_000), ORIGIN, new IllegalStateException("boom"));

        assertThat(size(letter)).isLessThanOrEqualTo(DeadLetterRecord.MAX_BYTES);
        assertThat(header(letter.headers(), DeadLetterHeaders.TRUNCATED)).isEqualTo("1048000");
        assertThat(header(letter.headers(), DeadLetterHeaders.HEADERS_DROPPED)).isEqualTo("2");
        assertThat(header(letter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("skald.saga-starts");
        assertThat(header(letter.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("3");
        assertThat(header(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("42");
        assertThat(letter.key()).hasSizeLessThanOrEqualTo(DeadLetterRecord.MAX_KEY_CHARS + 3);
    }

    @Test
    void aSmallRecordIsKeptWholeWithItsHeadersAndAStackSummary() {
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Header[] headers = {new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8))};

        DeadLetterRecord letter = DeadLetterRecord.of("s-1", value, headers, DeadLetterKind.PROCESSING_ERROR,
                "processing failed", ORIGIN, new IllegalStateException("boom", new ArithmeticException("overflow")));

        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter.headers(), "trace")).isEqualTo("t-1");
        assertThat(header(letter.headers(), DeadLetterHeaders.KIND)).isEqualTo("PROCESSING_ERROR");
        assertThat(header(letter.headers(), DeadLetterHeaders.STACK)).contains("IllegalStateException: boom")
                .contains("caused by java.lang.ArithmeticException: overflow").contains("\n  at ");
        assertThat(header(letter.headers(), DeadLetterHeaders.TRUNCATED)).isNull();
    }

    private static int size(DeadLetterRecord letter) {
        int total = letter.key().getBytes(StandardCharsets.UTF_8).length + letter.value().length;
        for (Header h : letter.headers()) {
            total += h.key().length() + h.value().length;
        }
        return total;
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
