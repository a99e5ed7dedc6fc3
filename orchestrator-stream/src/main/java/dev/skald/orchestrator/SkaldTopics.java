package dev.skald.orchestrator;

import dev.skald.schemas.TopicNames;
import java.util.List;
import java.util.Objects;

/**
 * The names of Skald's topics, as spelled by the wire contract ({@link TopicNames}). The defaults are the contract of
 * DESIGN.md; a prefix other than {@code skald.} lets several Skald installations share a cluster.
 *
 * @param prefix the prefix of every name, {@code skald.} by default
 */
public record SkaldTopics(String prefix) {
    /** The default names. */
    public static final SkaldTopics DEFAULT = new SkaldTopics(TopicNames.DEFAULT_PREFIX);

    public SkaldTopics {
        Objects.requireNonNull(prefix, "prefix can't be null");
    }

    /** The same names as the wire contract's {@link TopicNames}. */
    public TopicNames names() {
        return new TopicNames(prefix);
    }

    /** Start requests, keyed by saga id. */
    public String starts() {
        return names().starts();
    }

    /** Participants' replies, keyed by saga id. */
    public String replies() {
        return names().replies();
    }

    /** Control requests (cancel, pause, resume, retry), keyed by saga id. */
    public String control() {
        return names().control();
    }

    /** Timer firings the orchestrator writes back to itself, keyed by saga id. */
    public String timers() {
        return names().timers();
    }

    /** External events for event waits, keyed by saga id. */
    public String externalEvents() {
        return names().externalEvents();
    }

    /** Saga histories, keyed by saga id. */
    public String history() {
        return names().history();
    }

    /** Terminal outcomes of sagas, keyed by saga id. */
    public String results() {
        return names().results();
    }

    /** Saga definitions (compacted), keyed by {@code name/version}. */
    public String definitions() {
        return names().definitions();
    }

    /** Records that could not be applied, with the reason in headers. */
    public String deadLetters() {
        return names().deadLetters();
    }

    /** The command topic of a participant. */
    public String commands(String participant) {
        return names().commands(participant);
    }

    /** The prefix of every command topic. */
    public String commandsPrefix() {
        return names().commandsPrefix();
    }

    /** The input topics of the saga processor; they must all have the same number of partitions. */
    public List<String> inputs() {
        return List.of(starts(), replies(), control(), timers(), externalEvents());
    }

    /** Every fixed topic (command topics come with definitions). */
    public List<String> all() {
        return List.of(starts(), replies(), control(), timers(), externalEvents(), history(), results(),
                definitions(), deadLetters());
    }
}
