package dev.skald.schemas;

/**
 * Why a record went to the dead-letter topic: the value of the {@link DeadLetterHeaders#KIND} header. Each kind says
 * who writes it; a reader meets kinds it does not know as plain text, so new kinds can be added.
 */
public enum DeadLetterKind {
    /**
     * Orchestrator and participants: not a record of the topic's schema (bad Avro, an unknown schema id, a tombstone,
     * no key), or not valid JSON where JSON is expected.
     */
    UNDECODABLE,
    /** Orchestrator: decoded, but a field breaks its rule (an identifier, a bound, a key that is not its saga id). */
    INVALID,
    /** Orchestrator: starts or runs a definition this instance does not have. */
    UNKNOWN_DEFINITION,
    /** Orchestrator: concerns a saga that does not exist. */
    UNKNOWN_SAGA,
    /** Orchestrator: the saga's state machine refused it (a late reply, a duplicate start...). */
    REJECTED,
    /** Orchestrator: it would make a saga's state, or a record, larger than the limits. */
    TOO_LARGE,
    /**
     * Orchestrator: processing it failed in a way nobody foresaw (a bug); {@link DeadLetterHeaders#STACK} says where.
     */
    PROCESSING_ERROR,
    /** Orchestrator: a record the topology wrote could not be produced (too large for the broker, unserializable). */
    PRODUCTION_ERROR,
    /**
     * Participant: a SagaCommand that breaks the contract: no command id or saga id, an attempt below 1, an unknown
     * kind, another participant's command.
     */
    INVALID_COMMAND,
    /** Participant: no handler is registered for its command type. */
    UNKNOWN_COMMAND_TYPE,
    /** Participant: its JSON payload does not map to the handler's payload type. */
    INVALID_PAYLOAD
}
