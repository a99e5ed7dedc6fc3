/**
 * The participant SDK: the services a saga sends commands to. Register a typed handler per command type with
 * {@link dev.skald.participant.Participant#named(String)}, start it, and the SDK consumes
 * {@code skald.commands.<participant>}, runs each command's handler once, and writes the reply to
 * {@code skald.saga-replies} in the same Kafka transaction as the consumed offsets.
 *
 * <pre>{@code
 * Participant inventory = Participant.named("inventory")
 *     .config(ParticipantConfig.builder("localhost:9092").build())
 *     .handle("ReserveStock", ReserveStock.class, (cmd, ctx) -> Reply.success(Map.of("reservationId", reserve(cmd))))
 *     .handle("ReleaseStock", ReleaseStock.class, (cmd, ctx) -> { release(cmd); return Reply.success(); })
 *     .start();
 * }</pre>
 *
 * <p>{@code docs/participants.md} describes the exactly-once design, the dedupe of redelivered commands and every
 * configuration key.
 */
package dev.skald.participant;
