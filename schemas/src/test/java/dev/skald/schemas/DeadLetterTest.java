package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void aRecordNearTheSizeLimitIsCutToFitAndKeepsItsOrigin() {
        byte[] value = new byte[1_048_000];
        Header[] headers = {new RecordHeader("trace", new byte[300_000]), new RecordHeader("b", new byte[300_000])};

        DeadLetter letter = DeadLetter.of(DeadLetterKind.TOO_LARGE, "x".repeat(100_000))
                .record("k".repeat(5000), value, headers).origin("skald.saga-starts", 3, 42L)
                .cause(new IllegalStateException("boom")).build();

        assertThat(size(letter)).isLessThanOrEqualTo(DeadLetter.MAX_BYTES);
        assertThat(header(letter.headers(), DeadLetterHeaders.TRUNCATED)).isEqualTo("1048000");
        assertThat(header(letter.headers(), DeadLetterHeaders.HEADERS_DROPPED)).isEqualTo("2");
        assertThat(header(letter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo("skald.saga-starts");
        assertThat(header(letter.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("3");
        assertThat(header(letter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("42");
        assertThat(letter.key()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_KEY_CHARS + 3);
    }

    @Test
    void aSmallRecordIsKeptWholeWithItsHeadersAndAStackSummary() {
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Header[] headers = {new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8))};

        DeadLetter letter = DeadLetter.of(DeadLetterKind.PROCESSING_ERROR, "processing failed")
                .record("s-1", value, headers).origin("skald.saga-starts", 3, 42L)
                .header(DeadLetterHeaders.PARTICIPANT, "inventory")
                .cause(new IllegalStateException("boom", new ArithmeticException("overflow"))).build();

        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter.headers(), "trace")).isEqualTo("t-1");
        assertThat(header(letter.headers(), DeadLetterHeaders.KIND)).isEqualTo("PROCESSING_ERROR");
        assertThat(header(letter.headers(), DeadLetterHeaders.STACK)).contains("IllegalStateException: boom")
                .contains("caused by java.lang.ArithmeticException: overflow").contains("\n  at ");
        assertThat(header(letter.headers(), DeadLetterHeaders.TRUNCATED)).isNull();
    }

    private static int size(DeadLetter letter) {
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
