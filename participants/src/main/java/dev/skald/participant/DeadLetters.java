package dev.skald.participant;

/**
 * What a participant writes to the dead-letter topic: the command record as it came (key, value and headers
 * untouched) plus these headers, in the same transaction as the consumed offset.
 */
public final class DeadLetters {
    /** Header: why the record could not be handled, in words. */
    public static final String REASON = "skald.dlq.reason";
    /** Header: the {@link Kind} name. */
    public static final String KIND = "skald.dlq.kind";
    /** Header: the topic the record was read from. */
    public static final String TOPIC = "skald.dlq.topic";
    /** Header: its partition, in decimal. */
    public static final String PARTITION = "skald.dlq.partition";
    /** Header: its offset, in decimal. */
    public static final String OFFSET = "skald.dlq.offset";
    /** Header: the participant that dead-lettered it. */
    public static final String PARTICIPANT = "skald.dlq.participant";
    /** Header: the command id, when the command could be read. */
    public static final String COMMAND_ID = "skald.dlq.command-id";

    private DeadLetters() {
    }

    /** Why a command went to the dead-letter topic. */
    public enum Kind {
        /** Not a SagaCommand in the wire format: bad Avro, an unknown schema id, a tombstone. */
        UNDECODABLE,
        /** A SagaCommand that breaks the contract: no command id, an attempt below 1, an unknown kind, another participant. */
        INVALID_COMMAND,
        /** No handler is registered for its command type. */
        UNKNOWN_COMMAND_TYPE,
        /** Its JSON payload does not map to the handler's payload type. */
        INVALID_PAYLOAD
    }
}
