/**
 * Test your sagas without Kafka: {@link dev.skald.saga.testing.SagaScenario} drives a definition through the real
 * state machine on a virtual clock, in given/when/expect style.
 */
package dev.skald.saga.testing;
