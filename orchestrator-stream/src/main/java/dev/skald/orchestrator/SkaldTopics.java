package dev.skald.orchestrator;

import java.util.List;
import java.util.Objects;

/**
 * The names of Skald's topics. The defaults are the contract of DESIGN.md; a prefix other than {@code skald.}
 * lets several Skald installations share a cluster.
 *
 * @param prefix the prefix of every name, {@code skald.} by default
 */
public record SkaldTopics(String prefix) {
    /** The default names. */
    public static final SkaldTopics DEFAULT = new SkaldTopics("skald.");

    public SkaldTopics {
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

    /** Records that could not be applied, with the reason in headers. */
    public String deadLetters() {
        return prefix + "dead-letters";
    }

    /** The command topic of a participant. */
    public String commands(String participant) {
        return prefix + "commands." + participant;
    }

    /** The prefix of every command topic. */
    public String commandsPrefix() {
        return prefix + "commands.";
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
