package dev.skald.schemas;

/**
 * A schema registry failed or refused a request: it could not be reached (after retries), rejected the
 * credentials, or rejected a schema. The message names the registry URL and the subject or id, never credentials.
 *
 * <p>This is not a {@link org.apache.kafka.common.errors.SerializationException}: when the registry is down, the
 * record at hand is fine and must not be dead-lettered. {@link AvroSerde} turns only a record whose schema id is
 * unknown ({@link SchemaNotFoundException} while reading) into a {@code SerializationException}.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
