package dev.skald.orchestrator.internal;

import static dev.skald.schemas.DeadLetterHeaders.HEADERS_DROPPED;
import static dev.skald.schemas.DeadLetterHeaders.KIND;
import static dev.skald.schemas.DeadLetterHeaders.OFFSET;
import static dev.skald.schemas.DeadLetterHeaders.PARTITION;
import static dev.skald.schemas.DeadLetterHeaders.REASON;
import static dev.skald.schemas.DeadLetterHeaders.SAGA_ID;
import static dev.skald.schemas.DeadLetterHeaders.STACK;
import static dev.skald.schemas.DeadLetterHeaders.TOPIC;
import static dev.skald.schemas.DeadLetterHeaders.TRUNCATED;

import dev.skald.schemas.DeadLetterHeaders;
import dev.skald.schemas.DeadLetterKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter that always fits: the original key, value and headers with Skald's headers added
 * ({@link DeadLetterHeaders}: kind, reason, origin, a short stack summary), cut down so that the whole record stays
 * under {@link #MAX_BYTES}. The value is cut first ({@code skald.dlq.truncated} then holds its original length),
 * then the original headers are dropped ({@code skald.dlq.headers-dropped} holds how many); the origin (topic,
 * partition, offset) is always kept, so the full record can be read back from its source topic.
 *
 * @param key     the key, at most {@link #MAX_KEY_CHARS} characters, or null
 * @param value   the value, possibly cut, or null
 * @param headers the headers
 */
record DeadLetterRecord(String key, byte[] value, Headers headers) {
    /** The largest dead letter written, key, value and headers together: below the broker's default 1 MiB limit. */
    static final int MAX_BYTES = 900_000;
    /** The longest key kept (a longer one is not a valid saga id anyway). */
    static final int MAX_KEY_CHARS = 1024;
    private static final int MAX_REASON_CHARS = 4096;
    private static final int MAX_STACK_CHARS = 2048;
    private static final int STACK_FRAMES = 6;

    /** Where a dead letter came from. */
    record Origin(String topic, int partition, long offset) {
    }

    /**
     * Builds a dead letter of an input record.
     *
     * @param key      the record's key, or null
     * @param value    the record's value, or null
     * @param original the record's headers (copied, never changed)
     * @param kind     why it is dead
     * @param reason   what went wrong, in a sentence
     * @param origin   where it was read, or null when unknown
     * @param error    the exception behind it, or null
     */
    static DeadLetterRecord of(String key, byte[] value, Header[] original, DeadLetterKind kind, String reason,
                               Origin origin, Throwable error) {
        Headers own = new RecordHeaders();
        put(own, KIND, kind.name());
        put(own, REASON, cut(reason == null ? kind.name() : reason, MAX_REASON_CHARS));
        if (origin != null) {
            put(own, TOPIC, origin.topic());
            put(own, PARTITION, Integer.toString(origin.partition()));
            put(own, OFFSET, Long.toString(origin.offset()));
        }
        String keptKey = key == null ? null : cut(key, MAX_KEY_CHARS);
        if (keptKey != null) {
            put(own, SAGA_ID, keptKey);
        }
        if (error != null) {
            put(own, STACK, stackSummary(error));
        }
        return fit(keptKey, value, original == null ? new Header[0] : original, own);
    }

    private static DeadLetterRecord fit(String key, byte[] value, Header[] original, Headers own) {
        int fixed = size(own.toArray()) + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length) + 512;
        Headers headers = new RecordHeaders();
        int originalSize = size(original);
        if (fixed + originalSize <= MAX_BYTES / 2) {
            for (Header h : original) {
                if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
                    headers.add(h);
                }
            }
        } else if (original.length > 0) {
            put(headers, HEADERS_DROPPED, Integer.toString(original.length));
            originalSize = 0;
        }
        for (Header h : own) {
            headers.add(h);
        }
        int room = MAX_BYTES - fixed - Math.min(originalSize, MAX_BYTES / 2) - 64;
        byte[] kept = value;
        if (value != null && value.length > room) {
            kept = Arrays.copyOf(value, Math.max(0, room));
            put(headers, TRUNCATED, Integer.toString(value.length));
        }
        return new DeadLetterRecord(key, kept, headers);
    }

    /** The exception's class and message, its causes', and its first frames: enough to find the bug. */
    static String stackSummary(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            out.append(depth == 0 ? "" : " | caused by ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
            out.append("\n  at ").append(frames[i]);
        }
        return cut(out.toString(), MAX_STACK_CHARS);
    }

    private static int size(Header[] headers) {
        int total = 0;
        for (Header h : headers) {
            total += h.key().length() * 3 + (h.value() == null ? 0 : h.value().length) + 8;
        }
        return total;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
