package dev.skald.conductor.internal;

import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Skald's saga and step statuses as Conductor's workflow and task statuses: two tables, read at a glance and
 * reproduced in {@code docs/conductor.md}.
 *
 * <p>A stopped saga's status does not say why it stopped; its error does ({@code cancelled...} after a terminate,
 * {@code saga timed out...} after the workflow's timeout), so the workflow table is keyed by status and
 * {@link Ending}. A saga that is COMPENSATING has decided to end (a converted Conductor workflow never compensates:
 * it only waits for its in-flight steps to settle), so Conductor sees the end it is heading to, as Conductor itself
 * marks a workflow terminated or failed at once.
 */
final class StatusMapping {
    /** Conductor's {@code Workflow.WorkflowStatus}. */
    enum WorkflowStatus {
        RUNNING, COMPLETED, FAILED, TIMED_OUT, TERMINATED, PAUSED;

        /** Whether the workflow has ended (as Conductor's {@code isTerminal}). */
        boolean isTerminal() {
            return this != RUNNING && this != PAUSED;
        }
    }

    /** Conductor's {@code Task.Status} (the values Skald produces). */
    enum TaskStatus { IN_PROGRESS, CANCELED, FAILED, COMPLETED, SCHEDULED, TIMED_OUT, SKIPPED }

    /** Why a saga or step stopped, read from its error. */
    enum Ending {
        /** Any reason (a row that does not depend on it). */
        ANY,
        /** Terminated: cancelled by a control request. */
        CANCELLED,
        /** Its timeout fired. */
        TIMED_OUT,
        /** Anything else: a step failed for good. */
        FAILURE;

        /** The ending an error says. */
        static Ending of(String error) {
            if (error == null) {
                return FAILURE;
            }
            if (error.startsWith("cancelled")) {
                return CANCELLED;
            }
            return error.startsWith("saga timed out") || error.startsWith("step timed out") ? TIMED_OUT : FAILURE;
        }
    }

    /** One row of the workflow table; the first row that matches a saga wins. */
    record WorkflowRow(SagaStatus saga, Ending ending, WorkflowStatus workflow) {
        boolean matches(SagaStatus status, Ending why) {
            return saga == status && (ending == Ending.ANY || ending == why);
        }
    }

    /** Saga status (and why it stopped) to workflow status. */
    static final List<WorkflowRow> WORKFLOW_TABLE = List.of(
            new WorkflowRow(SagaStatus.RUNNING, Ending.ANY, WorkflowStatus.RUNNING),
            new WorkflowRow(SagaStatus.PAUSED, Ending.ANY, WorkflowStatus.PAUSED),
            new WorkflowRow(SagaStatus.COMPENSATING, Ending.CANCELLED, WorkflowStatus.TERMINATED),
            new WorkflowRow(SagaStatus.COMPENSATING, Ending.TIMED_OUT, WorkflowStatus.TIMED_OUT),
            new WorkflowRow(SagaStatus.COMPENSATING, Ending.FAILURE, WorkflowStatus.FAILED),
            new WorkflowRow(SagaStatus.COMPLETED, Ending.ANY, WorkflowStatus.COMPLETED),
            new WorkflowRow(SagaStatus.COMPENSATED, Ending.CANCELLED, WorkflowStatus.TERMINATED),
            new WorkflowRow(SagaStatus.COMPENSATED, Ending.TIMED_OUT, WorkflowStatus.TIMED_OUT),
            new WorkflowRow(SagaStatus.COMPENSATED, Ending.FAILURE, WorkflowStatus.FAILED),
            new WorkflowRow(SagaStatus.FAILED, Ending.CANCELLED, WorkflowStatus.TERMINATED),
            new WorkflowRow(SagaStatus.FAILED, Ending.TIMED_OUT, WorkflowStatus.TIMED_OUT),
            new WorkflowRow(SagaStatus.FAILED, Ending.FAILURE, WorkflowStatus.FAILED),
            new WorkflowRow(SagaStatus.COMPENSATION_FAILED, Ending.ANY, WorkflowStatus.FAILED));

    /**
     * Step status to the status of its latest attempt's task. Earlier attempts of a step are always FAILED (an
     * attempt is retried only after it failed or timed out); a FAILED step whose error says it timed out is TIMED_OUT.
     * A step being compensated, or compensated, had completed its action.
     */
    static final Map<StepStatus, TaskStatus> TASK_TABLE = taskTable();

    private StatusMapping() {
    }

    /** The workflow status of a saga in {@code status} whose error is {@code error} (or null). */
    static WorkflowStatus workflow(SagaStatus status, String error) {
        Ending why = Ending.of(error);
        return WORKFLOW_TABLE.stream().filter(row -> row.matches(status, why)).findFirst()
                .map(WorkflowRow::workflow)
                .orElseThrow(() -> new IllegalStateException("no workflow status for " + status + "/" + why));
    }

    /** The task status of an attempt of a step in {@code status}; {@code latest} tells whether it is the last one. */
    static TaskStatus task(StepStatus status, String error, boolean latest) {
        if (!latest) {
            return TaskStatus.FAILED;
        }
        TaskStatus mapped = TASK_TABLE.get(status);
        return mapped == TaskStatus.FAILED && Ending.of(error) == Ending.TIMED_OUT ? TaskStatus.TIMED_OUT : mapped;
    }

    /** The two tables as Markdown, as {@code docs/conductor.md} shows them (a test keeps the page in step). */
    static String markdown() {
        StringBuilder out = new StringBuilder("| Skald saga status | Its error says | Conductor workflow status |\n"
                + "|---|---|---|\n");
        WORKFLOW_TABLE.forEach(row -> out.append("| `").append(row.saga()).append("` | ").append(describe(row.ending()))
                .append(" | `").append(row.workflow()).append("` |\n"));
        out.append("\n| Skald step status | Conductor status of its latest attempt's task |\n|---|---|\n");
        for (StepStatus status : StepStatus.values()) {
            out.append("| `").append(status).append("` | `").append(TASK_TABLE.get(status)).append("` |\n");
        }
        return out.toString();
    }

    private static String describe(Ending ending) {
        return switch (ending) {
            case ANY -> "anything";
            case CANCELLED -> "`cancelled...` (terminated)";
            case TIMED_OUT -> "`saga timed out...`";
            case FAILURE -> "anything else (a step failed)";
        };
    }

    private static Map<StepStatus, TaskStatus> taskTable() {
        Map<StepStatus, TaskStatus> table = new EnumMap<>(StepStatus.class);
        table.put(StepStatus.PENDING, TaskStatus.SCHEDULED);
        table.put(StepStatus.RUNNING, TaskStatus.IN_PROGRESS);
        table.put(StepStatus.WAITING, TaskStatus.IN_PROGRESS);
        table.put(StepStatus.RETRY_WAIT, TaskStatus.FAILED);
        table.put(StepStatus.COMPLETED, TaskStatus.COMPLETED);
        table.put(StepStatus.SKIPPED, TaskStatus.SKIPPED);
        table.put(StepStatus.FAILED, TaskStatus.FAILED);
        table.put(StepStatus.CANCELLED, TaskStatus.CANCELED);
        table.put(StepStatus.COMPENSATING, TaskStatus.COMPLETED);
        table.put(StepStatus.COMPENSATION_RETRY_WAIT, TaskStatus.COMPLETED);
        table.put(StepStatus.COMPENSATED, TaskStatus.COMPLETED);
        table.put(StepStatus.COMPENSATION_FAILED, TaskStatus.COMPLETED);
        return Map.copyOf(table);
    }
}
