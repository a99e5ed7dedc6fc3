package dev.skald.schemas;

import org.apache.avro.Schema;

/**
 * A schema registry: it gives each Avro schema registered under a subject an id, and the schema back for an id.
 * That id is what the Confluent wire format puts in front of every record.
 *
 * <p>Get one from {@link SchemaRegistries#create}. Implementations are thread-safe and cache what they learn: ids
 * and schemas never change once assigned, so each is asked of a remote registry at most once.
 *
 * <p>Failures are {@link SchemaRegistryException}s; a schema or an id the registry does not know is the subtype
 * {@link SchemaNotFoundException}. Messages name the registry by {@link #url()} and never contain credentials.
 */
public interface SchemaRegistry {

    /**
     * Registers a schema under a subject, or finds it if it is already there (idempotent).
     *
     * @param subject the subject, e.g. {@code skald.saga-starts-value}
     * @param schema  the schema
     * @return the schema's id
     * @throws SchemaRegistryException if the registry refuses the schema (for example it is incompatible with the
     *                                 subject's latest version) or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * The id of a schema registered under a subject beforehand; registers nothing.
     *
     * @throws SchemaNotFoundException if the subject has no such schema
     * @throws SchemaRegistryException if the registry cannot be reached
     */
    int lookup(String subject, Schema schema);

    /**
     * The schema with this id.
     *
     * @throws SchemaNotFoundException if the registry knows no schema with this id
     * @throws SchemaRegistryException if the registry cannot be reached or the schema is not Avro
     */
    Schema schemaById(int id);

    /** Where the registry is, without credentials, for messages: {@code mock://scope} or the http(s) URL(s). */
    String url();
}
