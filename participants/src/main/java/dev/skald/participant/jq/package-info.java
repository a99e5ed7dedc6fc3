/**
 * The executor of jq steps (Conductor's {@code JSON_JQ_TRANSFORM}): the built-in participant {@code skald-jq}
 * ({@link dev.skald.saga.definition.JqStep}), which runs a step's jq query on its input and replies with the results.
 * Start it with {@link dev.skald.participant.jq.JqTasks#start}; the orchestrator application starts one by default.
 */
package dev.skald.participant.jq;
