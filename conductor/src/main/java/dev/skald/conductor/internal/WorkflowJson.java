package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a saga as Conductor's {@code Workflow} and {@code WorkflowSummary} JSON. Each attempt of a step is a
 * {@code Task} whose {@code taskId} is the Skald command id of that attempt; the times of an attempt come from the
 * saga's kept history.
 */
final class WorkflowJson {
    private static final DateTimeFormatter SUMMARY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> ATTEMPT_ENDS =
            Set.of("COMPLETED", "FAILED", "RETRY_WAIT", "CANCELLED", "SKIPPED", "PENDING");

    private WorkflowJson() {
    }

    /**
     * The {@code Workflow} JSON.
     *
     * @param saga     the saga
     * @param history  its history (the JSON of {@code GET /sagas/{id}/history}), or null to leave the tasks out
     * @param document the Conductor workflow definition it runs, if it was registered through the Conductor API
     */
    static ObjectNode workflow(SagaRecord saga, JsonNode history, Optional<JsonNode> document) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("workflowId", saga.sagaId());
        out.put("workflowName", saga.definition());
        out.put("workflowVersion", saga.version());
        out.set("workflowDefinition", document.<JsonNode>map(JsonNode::deepCopy).orElseGet(() -> JsonNodeFactory
                .instance.objectNode().put("name", saga.definition()).put("version", saga.version())));
        out.put("status", saga.workflowStatus().name());
        out.set("input", objectOrEmpty(saga.input()));
        out.set("output", objectOrEmpty(saga.output()));
        out.put("correlationId", saga.correlationKey());
        out.put("reasonForIncompletion", saga.error());
        out.put("parentWorkflowId", saga.parent());
        out.put("createTime", millis(saga.createdAt()));
        out.put("startTime", millis(saga.createdAt()));
        out.put("endTime", millis(saga.endedAt()));
        out.put("updateTime", millis(saga.updatedAt()));
        out.put("priority", 0);
        out.putObject("variables");
        ArrayNode failed = out.putArray("failedReferenceTaskNames");
        saga.steps().stream().filter(s -> s.status() == dev.skald.saga.machine.StepStatus.FAILED)
                .forEach(s -> failed.add(s.id()));
        ArrayNode tasks = out.putArray("tasks");
        if (history != null) {
            tasks(saga, history, document).forEach(tasks::add);
        }
        return out;
    }

    /** The {@code WorkflowSummary} JSON, as a search lists it. */
    static ObjectNode summary(SagaRecord saga) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("workflowType", saga.definition());
        out.put("version", saga.version());
        out.put("workflowId", saga.sagaId());
        out.put("correlationId", saga.correlationKey());
        out.put("startTime", summaryTime(saga.createdAt()));
        out.put("updateTime", summaryTime(saga.updatedAt()));
        out.put("endTime", summaryTime(saga.endedAt()));
        out.put("status", saga.workflowStatus().name());
        out.put("input", objectOrEmpty(saga.input()).toString());
        out.put("output", objectOrEmpty(saga.output()).toString());
        out.put("reasonForIncompletion", saga.error());
        out.put("executionTime", saga.endedAt() == null ? 0 : millis(saga.endedAt()) - millis(saga.createdAt()));
        out.put("event", "");
        out.put("failedReferenceTaskNames", String.join(",", saga.steps().stream()
                .filter(s -> s.status() == dev.skald.saga.machine.StepStatus.FAILED).map(SagaRecord.Step::id)
                .toList()));
        out.put("priority", 0);
        return out;
    }

    /**
     * One task per attempt of each step since the workflow last (re)started, in the order they were scheduled: as in
     * Conductor, a restarted workflow lists only the tasks of its new run (an operator's retry keeps the failed ones).
     */
    private static List<ObjectNode> tasks(SagaRecord saga, JsonNode history, Optional<JsonNode> document) {
        List<ObjectNode> tasks = new ArrayList<>();
        for (SagaRecord.Step step : saga.steps()) {
            int first = lastRestartedAttempt(history, step.id()) + 1;
            for (int attempt = first; attempt <= shownAttempts(step); attempt++) {
                tasks.add(task(saga, step, attempt, attempt - first,
                        AttemptTimes.of(history, step.id(), attempt), document));
            }
        }
        tasks.sort(Comparator.comparingLong(t -> t.path("scheduledTime").asLong()));
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).put("seq", i + 1);
        }
        return tasks;
    }

    /** The attempt a step was at when the workflow was last restarted (0 if never, or beyond the kept history). */
    static int lastRestartedAttempt(JsonNode history, String stepId) {
        int attempt = 0;
        for (JsonNode entry : history) {
            if ("STEP_TRANSITION".equals(entry.path("type").asText()) && "RESTART".equals(entry.path("trigger")
                    .asText()) && stepId.equals(entry.path("stepId").asText())) {
                attempt = Math.max(attempt, entry.path("attempt").asInt());
            }
        }
        return attempt;
    }

    /** The attempts shown: those made; one for a step that ran without attempts (a wait). */
    private static int shownAttempts(SagaRecord.Step step) {
        if (step.attempts() > 0) {
            return step.attempts();
        }
        return switch (step.status()) {
            case PENDING, SKIPPED -> 0;
            default -> 1;
        };
    }

    private static ObjectNode task(SagaRecord saga, SagaRecord.Step step, int attempt, int retryCount,
                                   AttemptTimes times, Optional<JsonNode> document) {
        boolean latest = attempt >= step.attempts();
        Optional<JsonNode> declared = document.flatMap(d -> declaration(d, step.id()));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("taskId", Command.id(saga.sagaId(), step.id(), attempt, CommandKind.ACTION));
        out.put("taskType", declared.map(t -> t.path("type").asText("SIMPLE")).orElse("SIMPLE"));
        out.put("taskDefName", declared.map(t -> t.path("name").asText(step.id())).orElse(step.id()));
        out.put("referenceTaskName", step.id());
        out.put("status", StatusMapping.task(step.status(), step.error(), latest).name());
        out.putObject("inputData");
        out.set("outputData", latest ? objectOrEmpty(step.output()) : JsonNodeFactory.instance.objectNode());
        out.put("retryCount", retryCount);
        out.put("retried", !latest);
        out.put("executed", times.end() != null);
        out.put("scheduledTime", millis(times.start()));
        out.put("startTime", millis(times.start()));
        out.put("endTime", millis(times.end()));
        out.put("updateTime", millis(times.last()));
        out.put("reasonForIncompletion", latest ? step.error() : times.reason());
        out.put("workflowInstanceId", saga.sagaId());
        out.put("workflowType", saga.definition());
        out.put("correlationId", saga.correlationKey());
        out.put("pollCount", 0);
        out.put("callbackAfterSeconds", 0);
        out.put("workflowPriority", 0);
        return out;
    }

    /** The task of the workflow definition with this reference name, wherever it is nested. */
    static Optional<JsonNode> declaration(JsonNode node, String referenceName) {
        if (node.isObject() && referenceName.equals(node.path("taskReferenceName").asText(null))) {
            return Optional.of(node);
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                Optional<JsonNode> found = declaration(child, referenceName);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode objectOrEmpty(JsonNode value) {
        return value != null && value.isObject() ? value : JsonNodeFactory.instance.objectNode();
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }

    private static String summaryTime(Instant instant) {
        return instant == null ? null : SUMMARY_TIME.format(instant);
    }

    /** When an attempt began, last changed and ended (null while it runs), and why it ended, from the history. */
    record AttemptTimes(Instant start, Instant last, Instant end, String reason) {
        static AttemptTimes of(JsonNode history, String stepId, int attempt) {
            Instant start = null;
            Instant last = null;
            Instant end = null;
            String reason = null;
            for (JsonNode entry : history) {
                if (!"STEP_TRANSITION".equals(entry.path("type").asText()) || !stepId.equals(entry.path("stepId")
                        .asText()) || entry.path("attempt").asInt() != attempt) {
                    continue;
                }
                Instant at = Instant.parse(entry.path("at").asText());
                start = start == null ? at : start;
                last = at;
                if (ATTEMPT_ENDS.contains(entry.path("to").asText())) {
                    end = at;
                    reason = entry.path("detail").isNull() ? null : entry.path("detail").asText();
                }
            }
            return new AttemptTimes(start, last, end, reason);
        }
    }
}
