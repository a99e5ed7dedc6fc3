/**
 * The orchestrator application: Micronaut wiring of the saga topology, its REST API, health and metrics. Thin by
 * design: everything it does goes through {@link dev.skald.orchestrator.SagaTopology} and Kafka.
 */
package dev.skald.orchestrator.app;
