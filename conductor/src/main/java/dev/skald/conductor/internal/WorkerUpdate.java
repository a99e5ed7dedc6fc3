package dev.skald.conductor.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** What a worker tells the bridge about a task, written to the updates topic keyed by the task's saga id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = WorkerUpdate.Result.class, name = "result"),
        @JsonSubTypes.Type(value = WorkerUpdate.Logs.class, name = "logs")})
sealed interface WorkerUpdate {
    /** The task the update is about. */
    String taskId();

    /** The update's id, unique: the REST call that wrote it waits until the bridge has applied it. */
    String updateId();

    /**
     * A Conductor {@code TaskResult}.
     *
     * @param status               IN_PROGRESS, COMPLETED, FAILED or FAILED_WITH_TERMINAL_ERROR
     * @param output               the output data, JSON text
     * @param reason               the reason for incompletion, or null
     * @param callbackAfterSeconds with IN_PROGRESS: when the task is to be polled again
     * @param workerId             the worker, or null
     * @param extendLease          the worker only extends its lease (the response timeout starts again)
     * @param logs                 log lines to append
     */
    record Result(String taskId, String updateId, ResultStatus status, String output, String reason,
                  long callbackAfterSeconds, String workerId, boolean extendLease, List<TaskLog> logs)
            implements WorkerUpdate {
        public Result {
            Objects.requireNonNull(taskId, "taskId can't be null");
            Objects.requireNonNull(status, "status can't be null");
            logs = logs == null ? List.of() : List.copyOf(logs);
        }
    }

    /** Log lines ({@code POST /api/tasks/{taskId}/log}). */
    record Logs(String taskId, String updateId, List<TaskLog> logs) implements WorkerUpdate {
        public Logs {
            Objects.requireNonNull(taskId, "taskId can't be null");
            logs = List.copyOf(logs);
        }
    }

    /** The statuses a worker may report, Conductor's {@code TaskResult.Status}. */
    enum ResultStatus { IN_PROGRESS, COMPLETED, FAILED, FAILED_WITH_TERMINAL_ERROR }
}
