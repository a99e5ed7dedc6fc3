/**
 * The executor of {@code http} steps: the built-in participant {@code skald-http}
 * ({@link dev.skald.saga.definition.HttpStep}), which makes the HTTP call a step's command describes and replies with
 * the response. Start it with {@link dev.skald.participant.http.HttpTasks#start}; the orchestrator application starts
 * one by default.
 */
package dev.skald.participant.http;
