/**
 * Netflix Conductor's REST API on Skald: the metadata ({@code /api/metadata}), workflow ({@code /api/workflow}) and
 * task ({@code /api/tasks}) resources of Conductor OSS 3.x, served by the orchestrator application, so that
 * Conductor's clients, its polling workers and scripts written against it run on Skald with one changed URL.
 *
 * <p>A Conductor workflow is a saga; a Conductor task is one attempt of a step; a task's id is the Skald command id
 * of that attempt. Tasks of SIMPLE type are handed to polling workers by the poll bridge, which keeps its queues and
 * leases in Kafka. See {@code docs/conductor.md} for what is served, the status mapping and what is refused.
 */
package dev.skald.conductor;
