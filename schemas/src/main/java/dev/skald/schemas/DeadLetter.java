package dev.skald.schemas;

import static dev.skald.schemas.DeadLetterHeaders.HEADERS_DROPPED;
import static dev.skald.schemas.DeadLetterHeaders.KIND;
import static dev.skald.schemas.DeadLetterHeaders.OFFSET;
import static dev.skald.schemas.DeadLetterHeaders.PARTITION;
import static dev.skald.schemas.DeadLetterHeaders.REASON;
import static dev.skald.schemas.DeadLetterHeaders.SAGA_ID;
import static dev.skald.schemas.DeadLetterHeaders.STACK;
import static dev.skald.schemas.DeadLetterHeaders.TOPIC;
import static dev.skald.schemas.DeadLetterHeaders.TRUNCATED;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter that always fits: the original key, value and headers with Skald's headers added
 * ({@link DeadLetterHeaders}: kind, reason, origin, a short stack summary), cut down so that the whole record stays
 * under {@link #MAX_BYTES}. The value is cut first ({@code skald.dlq.truncated} then holds its original length),
 * then the original headers are dropped ({@code skald.dlq.headers-dropped} holds how many); the origin (topic,
 * partition, offset) is always kept, so the full record can be read back from its source topic. The orchestrator and
 * the participants write their dead letters with it:
 *
 * <pre>{@code
 * DeadLetter letter = DeadLetter.of(DeadLetterKind.INVALID, "attempt must be at least 1")
 *         .record(key, value, headers).origin(topic, partition, offset)
 *         .header(DeadLetterHeaders.PARTICIPANT, "inventory").build();
 * }</pre>
 *
 * @param key     the key, at most {@link #MAX_KEY_CHARS} characters, or null
 * @param value   the value, possibly cut, or null
 * @param headers the headers
 */
public record DeadLetter(String key, byte[] value, Headers headers) {
    /** The largest dead letter written, key, value and headers together: below the broker's default 1 MiB limit. */
    public static final int MAX_BYTES = 900_000;
    /** The longest key kept (a longer one is not a valid saga id anyway). */
    public static final int MAX_KEY_CHARS = 1024;
    private static final int MAX_REASON_CHARS = 4096;
    private static final int MAX_STACK_CHARS = 2048;
    private static final int STACK_FRAMES = 6;

    /** Starts a dead letter of this kind, for this reason. */
    public static Builder of(DeadLetterKind kind, String reason) {
        return new Builder(Objects.requireNonNull(kind, "kind can't be null"), reason);
    }

    /** Builds a {@link DeadLetter}: the record it keeps, where it came from, and what else to say. */
    public static final class Builder {
        private final DeadLetterKind kind;
        private final String reason;
        private final Map<String, String> extra = new LinkedHashMap<>();
        private String key;
        private byte[] value;
        private Header[] original = new Header[0];
        private String topic;
        private int partition;
        private long offset;
        private Throwable error;

        private Builder(DeadLetterKind kind, String reason) {
            this.kind = kind;
            this.reason = reason;
        }

        /** The dead record: its key (null for none), value and headers (copied, never changed; null for none). */
        public Builder record(String recordKey, byte[] recordValue, Header[] recordHeaders) {
            key = recordKey;
            value = recordValue;
            original = recordHeaders == null ? new Header[0] : recordHeaders;
            return this;
        }

        /** Where the record was read. */
        public Builder origin(String sourceTopic, int sourcePartition, long sourceOffset) {
            topic = sourceTopic;
            partition = sourcePartition;
            offset = sourceOffset;
            return this;
        }

        /** One more header of Skald's, such as {@link DeadLetterHeaders#PARTICIPANT}. */
        public Builder header(String name, String text) {
            extra.put(name, text);
            return this;
        }

        /** The exception behind it: its summary goes in {@link DeadLetterHeaders#STACK}. */
        public Builder cause(Throwable cause) {
            error = cause;
            return this;
        }

        /** The dead letter, cut to fit. */
        public DeadLetter build() {
            Headers own = new RecordHeaders();
            put(own, KIND, kind.name());
            put(own, REASON, cut(reason == null ? kind.name() : reason, MAX_REASON_CHARS));
            if (topic != null) {
                put(own, TOPIC, topic);
                put(own, PARTITION, Integer.toString(partition));
                put(own, OFFSET, Long.toString(offset));
            }
            String keptKey = key == null ? null : cut(key, MAX_KEY_CHARS);
            if (keptKey != null) {
                put(own, SAGA_ID, keptKey);
            }
            extra.forEach((name, text) -> put(own, name, cut(text, MAX_REASON_CHARS)));
            if (error != null) {
                put(own, STACK, stackSummary(error));
            }
            return fit(keptKey, value, original, own);
        }
    }

    private static DeadLetter fit(String key, byte[] value, Header[] original, Headers own) {
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
        return new DeadLetter(key, kept, headers);
    }

    /** The exception's class and message, its causes', and its first frames: enough to find the bug. */
    public static String stackSummary(Throwable error) {
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
