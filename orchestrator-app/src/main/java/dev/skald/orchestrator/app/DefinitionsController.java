package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.VersionConflictException;
import dev.skald.orchestrator.internal.DefinitionCatalog;
import dev.skald.orchestrator.internal.LocalStores;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.ConductorWorkflows;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.json.Json;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code POST /definitions} (native JSON, or a Conductor workflow: a document with {@code tasks}),
 * {@code GET /definitions}, {@code GET /definitions/{name}}, {@code GET /definitions/{name}/{version}}.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/definitions")
@io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class DefinitionsController {
    private final Orchestrator orchestrator;
    private final LocalStores stores;

    public DefinitionsController(OrchestratorRuntime runtime, LocalStores stores) {
        this.orchestrator = runtime.orchestrator();
        this.stores = stores;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> apply(@Body String body) {
        SagaDefinition definition;
        try {
            definition = parse(body);
        } catch (InvalidDefinitionException e) {
            return Problems.invalid("the definition is invalid", e.problems());
        }
        try {
            Orchestrator.Applied applied = orchestrator.apply(definition);
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", definition.name())
                    .put("version", definition.version());
            return HttpResponse.status(applied == Orchestrator.Applied.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(out);
        } catch (VersionConflictException e) {
            return Problems.error(HttpStatus.CONFLICT, e.getMessage());
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    private static SagaDefinition parse(String body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidDefinitionException("the request body",
                    List.of(new Problem("body", "not valid JSON: " + e.getOriginalMessage())));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidDefinitionException("the request body",
                    List.of(new Problem("body", "expected a JSON object (a native definition or a Conductor workflow)")));
        }
        return tree.has("tasks") && !tree.has("steps") ? ConductorWorkflows.fromJson(body) : SagaDocuments.fromJson(body);
    }

    @Get
    public HttpResponse<?> list() {
        try {
            Map<String, ArrayNode> versions = new TreeMap<>();
            try (KeyValueIterator<String, String> all = definitions().all()) {
                while (all.hasNext()) {
                    KeyValue<String, String> entry = all.next();
                    int slash = entry.key.lastIndexOf('/');
                    versions.computeIfAbsent(entry.key.substring(0, slash), n -> JsonNodeFactory.instance.arrayNode())
                            .add(Integer.parseInt(entry.key.substring(slash + 1)));
                }
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            versions.forEach((name, list) -> out.addObject().put("name", name)
                    .put("latest", list.get(list.size() - 1).asInt()).set("versions", list));
            return HttpResponse.ok(out);
        } catch (InvalidStateStoreException e) {
            return Problems.notReady("definitions are not queryable yet: " + e.getMessage());
        }
    }

    @Get("/{name}")
    public HttpResponse<?> latest(String name) {
        try {
            return new DefinitionCatalog(definitions()).latestVersion(name)
                    .<HttpResponse<?>>map(v -> version(name, v))
                    .orElseGet(() -> Problems.error(HttpStatus.NOT_FOUND, "no definition '" + name + "'"));
        } catch (InvalidStateStoreException e) {
            return Problems.notReady("definitions are not queryable yet: " + e.getMessage());
        }
    }

    @Get("/{name}/{version}")
    public HttpResponse<?> version(String name, int version) {
        try {
            String document = DefinitionCatalog.document(definitions().get(DefinitionCatalog.key(name, version)));
            if (document == null) {
                return Problems.error(HttpStatus.NOT_FOUND, "no definition '" + name + "' version " + version);
            }
            return HttpResponse.ok(Json.mapper().readTree(document));
        } catch (InvalidStateStoreException e) {
            return Problems.notReady("definitions are not queryable yet: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored definition " + name + "/" + version + " is not JSON", e);
        }
    }

    private ReadOnlyKeyValueStore<String, String> definitions() {
        return stores.definitions();
    }
}
