package dev.skald.conductor.internal;

import dev.skald.saga.machine.CommandKind;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a task comes from: the Skald command it stands for. Never changes.
 *
 * @param taskId      the command id, {@code sagaId:stepId:attempt:kind}: Conductor's task id
 * @param sagaId      the saga: Conductor's workflow instance id
 * @param stepId      the step: Conductor's task reference name
 * @param attempt     the attempt, from 1
 * @param kind        action or compensation
 * @param taskType    the command type: Conductor's task type, which workers poll
 * @param input       the command payload, JSON text: the task's input data
 * @param scheduledAt when the bridge read the command
 */
record TaskOrigin(String taskId, String sagaId, String stepId, int attempt, CommandKind kind, String taskType,
                  String input, Instant scheduledAt) {
    TaskOrigin {
        Objects.requireNonNull(taskId, "taskId can't be null");
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        Objects.requireNonNull(taskType, "taskType can't be null");
        Objects.requireNonNull(kind, "kind can't be null");
        Objects.requireNonNull(scheduledAt, "scheduledAt can't be null");
    }
}
