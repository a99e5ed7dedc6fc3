package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A bridge task as Conductor's {@code Task} JSON, and its logs as {@code TaskExecLog} JSON. */
final class TaskJson {
    private TaskJson() {
    }

    static ObjectNode task(BridgeTask task) {
        TaskOrigin origin = task.origin();
        ObjectNode json = JsonSerde.MAPPER.createObjectNode();
        json.put("taskType", origin.taskType());
        json.put("status", task.status().name());
        json.set("inputData", object(origin.input()));
        json.put("referenceTaskName", origin.stepId());
        json.put("retryCount", origin.attempt() - 1);
        json.put("seq", 0);
        json.put("pollCount", task.pollCount());
        json.put("taskDefName", origin.taskType());
        json.put("scheduledTime", millis(origin.scheduledAt()));
        json.put("startTime", millis(task.startedAt()));
        json.put("endTime", millis(task.endedAt()));
        json.put("updateTime", millis(task.updatedAt()));
        json.put("startDelayInSeconds", 0);
        json.put("retried", false);
        json.put("executed", task.status().terminal());
        json.put("callbackFromWorker", true);
        json.put("responseTimeoutSeconds", task.settings().responseTimeoutSeconds());
        json.put("workflowInstanceId", origin.sagaId());
        json.put("taskId", origin.taskId());
        json.put("reasonForIncompletion", task.reason());
        json.put("callbackAfterSeconds", task.callbackAfterSeconds());
        json.put("workerId", task.workerId());
        json.set("outputData", object(task.output()));
        json.put("rateLimitPerFrequency", 0);
        json.put("rateLimitFrequencyInSeconds", 0);
        json.put("workflowPriority", 0);
        json.put("iteration", 0);
        json.put("queueWaitTime", task.startedAt() == null ? 0
                : Math.max(0, millis(task.startedAt()) - millis(origin.scheduledAt())));
        json.put("loopOverTask", false);
        json.put("subworkflowChanged", false);
        return json;
    }

    static ArrayNode logs(BridgeTask task) {
        ArrayNode array = JsonSerde.MAPPER.createArrayNode();
        task.logs().forEach(log -> array.add(JsonSerde.MAPPER.createObjectNode().put("log", log.log())
                .put("taskId", log.taskId()).put("createdTime", log.createdTime())));
        return array;
    }

    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    /** JSON text as an object; anything else (absent, not an object) as an empty object, as Conductor shows it. */
    private static JsonNode object(String text) {
        if (text == null) {
            return JsonSerde.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = JsonSerde.MAPPER.readTree(text);
            return node.isObject() ? node : JsonSerde.MAPPER.createObjectNode().set("result", node);
        } catch (JsonProcessingException e) {
            return JsonSerde.MAPPER.createObjectNode().put("raw", text);
        }
    }
}
