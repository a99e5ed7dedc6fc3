/**
 * Skald's wire: Avro records in the Confluent wire format, and the schema registry they refer to.
 *
 * <p>The records themselves are generated from {@code src/main/avro} into {@code dev.skald.avro}
 * ({@code SagaStart}, {@code SagaCommand}, {@code SagaReply}, ...). This package holds:
 * <ul>
 *   <li>{@link dev.skald.schemas.AvroSerde} and {@link dev.skald.schemas.AvroSerdes}: Kafka serdes of generated
 *       classes, configured by Confluent's keys ({@link dev.skald.schemas.AvroSerdeConfig}) so Confluent's own serde
 *       can be swapped in by configuration;</li>
 *   <li>{@link dev.skald.schemas.SchemaRegistry} and {@link dev.skald.schemas.SchemaRegistries}: a registry client
 *       chosen by URL, {@code mock://<scope>} in process or {@code http(s)://} for a Confluent Schema Registry;</li>
 *   <li>{@link dev.skald.schemas.TopicNames}: the names of Skald's topics, and {@link dev.skald.schemas.Topic}: a
 *       topic name with its serdes;</li>
 *   <li>{@link dev.skald.schemas.CommandKinds}: the wire's command kinds as saga-core's;</li>
 *   <li>{@link dev.skald.schemas.DeadLetterHeaders} and {@link dev.skald.schemas.DeadLetterKind}: the headers a dead
 *       letter carries and the kinds it is of, written by the orchestrator and participants and read by the CLI.</li>
 * </ul>
 */
package dev.skald.schemas;
