package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.saga.json.Json;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Conductor task definitions, in the compacted topic {@code skald.conductor.taskdefs} (key: the task name; value:
 * the TaskDef JSON as registered; a tombstone deletes). Every instance reads the topic into memory before the
 * application starts serving, and a write returns once this instance has read it back.
 */
@Context
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
public class KafkaTaskDefinitions implements TaskDefinitions, AutoCloseable {
    /** The topic's name after the topic prefix. */
    static final String TOPIC = "conductor.taskdefs";

    private final CompactedTopic topic;

    public KafkaTaskDefinitions(OrchestratorRuntime runtime) {
        OrchestratorConfig config = runtime.orchestrator().config();
        this.topic = CompactedTopic.open(config.topics().prefix() + TOPIC, config.clientProperties(),
                config.replication(), name -> !name.isBlank());
    }

    @Override
    public Optional<TaskSettings> settings(String taskType) {
        return document(taskType).map(TaskDefDocuments::settings);
    }

    /** The TaskDef registered under this name. */
    Optional<JsonNode> document(String name) {
        return topic.get(name).map(KafkaTaskDefinitions::parse);
    }

    /** Every TaskDef, by name. */
    Map<String, JsonNode> all() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        topic.all().forEach((name, json) -> all.put(name, parse(json)));
        return all;
    }

    /** Registers (or replaces) these checked TaskDefs. */
    void register(List<JsonNode> taskDefs) {
        Map<String, String> documents = new LinkedHashMap<>();
        taskDefs.forEach(def -> documents.put(def.get("name").asText(), def.toString()));
        topic.putAll(documents);
    }

    /** Deletes the TaskDef of this name; false if there was none. */
    boolean delete(String name) {
        if (topic.get(name).isEmpty()) {
            return false;
        }
        topic.put(name, null);
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored TaskDef is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        topic.close();
    }
}
