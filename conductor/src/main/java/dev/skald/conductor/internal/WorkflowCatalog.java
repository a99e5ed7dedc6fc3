package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.saga.json.Json;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Conductor workflow definitions as they were registered, in the compacted topic
 * {@code skald.conductor.workflows} (key {@code name/version}), so that the metadata API returns what was sent.
 * The saga each one compiles to lives in Skald's own definitions topic; deleting here hides the Conductor document
 * only.
 */
@Context
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
public class WorkflowCatalog implements AutoCloseable {
    static final String TOPIC = "conductor.workflows";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(".+/[1-9][0-9]{0,8}");

    /** One registered workflow definition. */
    record Entry(String name, int version, JsonNode document) {
    }

    private final CompactedTopic topic;

    public WorkflowCatalog(OrchestratorRuntime runtime) {
        OrchestratorConfig config = runtime.orchestrator().config();
        this.topic = CompactedTopic.open(config.topics().prefix() + TOPIC, config.clientProperties(),
                config.replication(), key -> KEY.matcher(key).matches());
    }

    /** The document of this version, or of the newest version when {@code version} is null. */
    Optional<Entry> get(String name, Integer version) {
        if (version != null) {
            return topic.get(key(name, version)).map(json -> new Entry(name, version, parse(json)));
        }
        return all().stream().filter(e -> e.name().equals(name)).max(Comparator.comparingInt(Entry::version));
    }

    /** Every registered version, by name then version. */
    List<Entry> all() {
        return topic.all().entrySet().stream().map(e -> entry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Entry::name).thenComparingInt(Entry::version)).toList();
    }

    /** The newest version of each name. */
    List<Entry> latestVersions() {
        Map<String, Entry> newest = all().stream().collect(Collectors.toMap(Entry::name, Function.identity(),
                (a, b) -> a.version() >= b.version() ? a : b, java.util.TreeMap::new));
        return List.copyOf(newest.values());
    }

    /** Records the document of a definition version that Skald has applied. */
    void put(String name, int version, JsonNode document) {
        topic.put(key(name, version), document.toString());
    }

    /** Removes the document of this version; false if there was none. */
    boolean delete(String name, int version) {
        if (topic.get(key(name, version)).isEmpty()) {
            return false;
        }
        topic.put(key(name, version), null);
        return true;
    }

    private static String key(String name, int version) {
        return name + "/" + version;
    }

    private static Entry entry(String key, String json) {
        int slash = key.lastIndexOf('/');
        return new Entry(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)), parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored workflow definition is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        topic.close();
    }
}
