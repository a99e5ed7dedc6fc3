package dev.skald.schemas;

import java.util.Objects;

/**
 * The headers of Skald's dead letters: a record the orchestrator or a participant cannot apply goes to the dead-letter
 * topic with its original key, value and headers, plus these ({@code skald.dlq.*}) saying why and where it came from.
 * The CLI reads them to list and re-drive dead letters. Values are UTF-8 text.
 *
 * <pre>{@code
 * headers.add(DeadLetterHeaders.KIND, DeadLetterKind.UNDECODABLE.name().getBytes(UTF_8));
 * boolean added = DeadLetterHeaders.isDeadLetterHeader(header.key());
 * }</pre>
 */
public final class DeadLetterHeaders {
    /** The prefix of every header a dead letter adds. */
    public static final String PREFIX = "skald.dlq.";
    /** Why the record is dead: a {@link DeadLetterKind} name. Always present. */
    public static final String KIND = PREFIX + "kind";
    /** What went wrong, in a sentence. Always present. */
    public static final String REASON = PREFIX + "reason";
    /** The topic the record was read from: where a re-drive writes it back. */
    public static final String TOPIC = PREFIX + "topic";
    /** Its partition there, in decimal. */
    public static final String PARTITION = PREFIX + "partition";
    /** Its offset there, in decimal. */
    public static final String OFFSET = PREFIX + "offset";
    /** Orchestrator: the record key, the saga id (cut to 1024 characters). */
    public static final String SAGA_ID = PREFIX + "saga-id";
    /** Orchestrator, for a processing or production error: the exception, its causes and its first frames. */
    public static final String STACK = PREFIX + "stack";
    /** Orchestrator: present when the value was cut so that the dead letter fits; the original length in bytes. */
    public static final String TRUNCATED = PREFIX + "truncated";
    /** Orchestrator: present when the original headers were too large to keep; how many were dropped. */
    public static final String HEADERS_DROPPED = PREFIX + "headers-dropped";
    /** Participant: the participant that dead-lettered the command. */
    public static final String PARTICIPANT = PREFIX + "participant";
    /** Participant: the command id, when the command could be read. */
    public static final String COMMAND_ID = PREFIX + "command-id";
    /**
     * Not a dead letter's own header: a re-driven record carries it in place of the {@code skald.dlq.*} headers, with
     * the dead letter's place in the dead-letter topic ({@code <partition>:<offset>}).
     */
    public static final String REDRIVEN_FROM = "skald.redriven-from";

    private DeadLetterHeaders() {
    }

    /** Whether a header is one a dead letter adds (its key starts with {@link #PREFIX}). */
    public static boolean isDeadLetterHeader(String key) {
        Objects.requireNonNull(key, "key can't be null");
        return key.startsWith(PREFIX);
    }
}
