package dev.skald.participant;

import dev.skald.schemas.TopicNames;
import java.util.Objects;

/**
 * The topics of a participant, as spelled by the wire contract ({@link TopicNames}). The default prefix
 * {@code skald.} gives the names of the orchestrator's contract (DESIGN.md); another prefix must match the
 * orchestrator's.
 *
 * @param prefix the prefix of every name, {@code skald.} by default
 */
public record ParticipantTopics(String prefix) {
    /** The default names. */
    public static final ParticipantTopics DEFAULT = new ParticipantTopics(TopicNames.DEFAULT_PREFIX);

    public ParticipantTopics {
        Objects.requireNonNull(prefix, "prefix can't be null");
    }

    /** The same names as the wire contract's {@link TopicNames}. */
    public TopicNames names() {
        return new TopicNames(prefix);
    }

    /** The participant's commands, keyed by saga id: {@code skald.commands.<participant>}. */
    public String commands(String participant) {
        return names().commands(participant);
    }

    /** Every participant's replies, keyed by saga id: {@code skald.saga-replies}. */
    public String replies() {
        return names().replies();
    }

    /** Records that could not be handled, with the reason in headers: {@code skald.dead-letters}. */
    public String deadLetters() {
        return names().deadLetters();
    }

    /**
     * The participant's reply log: every reply it sent, keyed by command id, compacted, partition for partition with
     * its command topic ({@code skald.participant-replies.<participant>}). It is what redelivered commands are
     * answered from.
     */
    public String replyLog(String participant) {
        return names().replyLog(participant);
    }
}
