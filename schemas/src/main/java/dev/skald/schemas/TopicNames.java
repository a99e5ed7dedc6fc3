package dev.skald.schemas;

import java.util.Objects;

/**
 * The names of Skald's topics, the one place they are spelled: the orchestrator's {@code SkaldTopics} and the
 * participants' {@code ParticipantTopics} take theirs from here. A prefix other than {@code skald.} lets several Skald
 * installations share a cluster; the orchestrator and its participants must use the same one.
 *
 * <pre>{@code
 * TopicNames names = new TopicNames("skald.");
 * names.commands("inventory"); // "skald.commands.inventory"
 * }</pre>
 *
 * @param prefix the prefix of every name, {@link #DEFAULT_PREFIX} by default
 */
public record TopicNames(String prefix) {
    /** The prefix of the default names. */
    public static final String DEFAULT_PREFIX = "skald.";

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix can't be null");
    }

    /** Start requests, keyed by saga id. */
    public String starts() {
        return prefix + "saga-starts";
    }

    /** Participants' replies, keyed by saga id. */
    public String replies() {
        return prefix + "saga-replies";
    }

    /** Control requests (cancel, pause, resume, retry), keyed by saga id. */
    public String control() {
        return prefix + "saga-control";
    }

    /** Timer firings the orchestrator writes back to itself, keyed by saga id. */
    public String timers() {
        return prefix + "saga-timers";
    }

    /** External events for event waits, keyed by saga id. */
    public String externalEvents() {
        return prefix + "saga-external-events";
    }

    /** Saga histories, keyed by saga id. */
    public String history() {
        return prefix + "saga-events";
    }

    /** Terminal outcomes of sagas, keyed by saga id. */
    public String results() {
        return prefix + "saga-results";
    }

    /** Saga definitions (compacted), keyed by {@code name/version}. */
    public String definitions() {
        return prefix + "definitions";
    }

    /** Records that could not be applied, with {@link DeadLetterHeaders} saying why. */
    public String deadLetters() {
        return prefix + "dead-letters";
    }

    /** The prefix of every command topic. */
    public String commandsPrefix() {
        return prefix + "commands.";
    }

    /** The command topic of a participant, keyed by saga id: {@code skald.commands.<participant>}. */
    public String commands(String participant) {
        return commandsPrefix() + participant;
    }

    /** A participant's reply log, keyed by command id, compacted: {@code skald.participant-replies.<participant>}. */
    public String replyLog(String participant) {
        return prefix + "participant-replies." + participant;
    }
}
