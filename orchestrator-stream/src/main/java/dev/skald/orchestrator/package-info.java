/**
 * Skald's orchestrator: the saga state machine of saga-core run as a Kafka Streams topology.
 *
 * <p>{@link dev.skald.orchestrator.SagaTopology#build(OrchestratorConfig, java.util.Map)} builds the one topology
 * that the application and every test run. Inputs (starts, replies, control requests, timer firings, external
 * events), all keyed by saga id and co-partitioned, feed one processor that applies
 * {@link dev.skald.saga.machine.SagaMachine#decide} with a persistent saga store; it writes commands to
 * {@code skald.commands.<participant>}, history to {@code skald.saga-events}, outcomes to {@code skald.saga-results}
 * and whatever it cannot apply to {@code skald.dead-letters}.
 */
package dev.skald.orchestrator;
