package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads a Conductor {@code TaskResult} body into a {@link WorkerUpdate.Result}, reporting every problem at once, each
 * with its place: a body the bridge could not apply never reaches it.
 */
final class TaskResultReader {
    /** The longest reason for incompletion kept; a longer one is cut. */
    static final int MAX_REASON_CHARS = 4096;
    /** The longest task id accepted. */
    static final int MAX_ID_CHARS = 1024;

    private final int maxOutputBytes;

    /** @param maxOutputBytes the largest output accepted, as JSON text: a saga's state must be able to hold it */
    TaskResultReader(int maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    /** The result, or the problems that keep it from being one. */
    Read read(String body) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JsonSerde.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return Read.invalid(List.of(new Problem("$", "not JSON: " + e.getOriginalMessage())));
        }
        if (json == null || !json.isObject()) {
            return Read.invalid(List.of(new Problem("$", "a TaskResult must be a JSON object")));
        }
        List<Problem> problems = new ArrayList<>();
        String taskId = id(json.path("taskId"), problems);
        boolean extendLease = json.path("extendLease").asBoolean(false);
        WorkerUpdate.ResultStatus status = status(json.path("status"), extendLease, problems);
        long callback = callback(json.path("callbackAfterSeconds"), problems);
        String output = output(json.path("outputData"), problems);
        List<TaskLog> logs = logs(json.path("logs"), taskId, problems);
        if (!problems.isEmpty()) {
            return Read.invalid(problems);
        }
        return new Read(new WorkerUpdate.Result(taskId, UUID.randomUUID().toString(), status, output,
                reason(json.path("reasonForIncompletion")), callback, text(json.path("workerId")), extendLease, logs),
                text(json.path("workflowInstanceId")), List.of());
    }

    private static String id(JsonNode node, List<Problem> problems) {
        if (!node.isTextual() || node.asText().isBlank()) {
            problems.add(new Problem("taskId", "required: the id of the task polled"));
            return null;
        }
        if (node.asText().length() > MAX_ID_CHARS) {
            problems.add(new Problem("taskId", "longer than " + MAX_ID_CHARS + " characters"));
        }
        return node.asText();
    }

    private static WorkerUpdate.ResultStatus status(JsonNode node, boolean extendLease, List<Problem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            if (!extendLease) {
                problems.add(new Problem("status", "required: one of "
                        + Arrays.toString(WorkerUpdate.ResultStatus.values())));
            }
            return WorkerUpdate.ResultStatus.IN_PROGRESS;
        }
        for (WorkerUpdate.ResultStatus status : WorkerUpdate.ResultStatus.values()) {
            if (status.name().equals(node.asText())) {
                return status;
            }
        }
        problems.add(new Problem("status", "must be one of " + Arrays.toString(WorkerUpdate.ResultStatus.values())
                + ", was " + node));
        return null;
    }

    private static long callback(JsonNode node, List<Problem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || node.asLong() < 0 || node.asLong() > Bounds.MAX_DURATION.toSeconds()) {
            problems.add(new Problem("callbackAfterSeconds", "must be a whole number of seconds from 0 to "
                    + Bounds.MAX_DURATION.toSeconds() + ", was " + node));
            return 0;
        }
        return node.asLong();
    }

    private String output(JsonNode node, List<Problem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Problem("outputData", "must be a JSON object"));
            return null;
        }
        String text = node.toString();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxOutputBytes) {
            problems.add(new Problem("outputData", "is " + bytes + " bytes, more than the " + maxOutputBytes
                    + " a saga can hold (skald.max-state-bytes)"));
        }
        return text;
    }

    private static List<TaskLog> logs(JsonNode node, String taskId, List<Problem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new Problem("logs", "must be an array of {log, createdTime}"));
            return List.of();
        }
        List<TaskLog> logs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode log = node.get(i);
            if (!log.path("log").isTextual()) {
                problems.add(new Problem("logs[" + i + "].log", "required: the log text"));
            } else if (taskId != null) {
                logs.add(new TaskLog(log.path("log").asText(), taskId,
                        log.path("createdTime").asLong(System.currentTimeMillis())));
            }
        }
        return logs;
    }

    private static String reason(JsonNode node) {
        String text = text(node);
        return text == null || text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /**
     * What a body reads as.
     *
     * @param result             the update, or null when there are problems
     * @param workflowInstanceId the workflow instance id the worker named, or null
     * @param problems           what is wrong, each with its place
     */
    record Read(WorkerUpdate.Result result, String workflowInstanceId, List<Problem> problems) {
        static Read invalid(List<Problem> problems) {
            return new Read(null, null, problems);
        }
    }
}
