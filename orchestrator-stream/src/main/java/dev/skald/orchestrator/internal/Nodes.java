package dev.skald.orchestrator.internal;

/** Names of the topology's nodes and stores. */
public final class Nodes {
    public static final String SAGA_STORE = "skald-sagas";
    public static final String TIMER_STORE = "skald-timers";
    public static final String HISTORY_STORE = "skald-history";
    public static final String DEFINITION_STORE = "skald-definitions";
    /** Ids of ended sagas deleted after their retention, kept for the idempotency window so they never restart. */
    public static final String ENDED_STORE = "skald-ended";

    static final String PROCESSOR = "saga-processor";
    static final String COMMANDS = "commands-sink";
    static final String PUBLISHED = "published-sink";
    static final String HISTORY = "history-sink";
    static final String RESULTS = "results-sink";
    static final String STARTS = "starts-sink";
    static final String CONTROL = "control-sink";
    static final String REPLIES = "replies-sink";
    static final String TIMERS = "timers-sink";
    static final String DEAD_LETTERS = "dead-letters-sink";

    private Nodes() {
    }

    /** The serde subject context of stored saga states: the saga store's changelog topic. */
    static String stateSubject(String applicationId) {
        return applicationId + "-" + SAGA_STORE + "-changelog";
    }
}
