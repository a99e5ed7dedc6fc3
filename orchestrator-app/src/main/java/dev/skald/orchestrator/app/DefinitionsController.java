package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.VersionConflictException;
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
import java.util.Optional;

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

    public DefinitionsController(OrchestratorRuntime runtime) {
        this.orchestrator = runtime.orchestrator();
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
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            orchestrator.definitions().versions().forEach((name, versions) -> {
                ObjectNode entry = out.addObject().put("name", name).put("latest", versions.get(versions.size() - 1));
                versions.forEach(entry.putArray("versions")::add);
            });
            return HttpResponse.ok(out);
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Get("/{name}")
    public HttpResponse<?> latest(String name) {
        try {
            return orchestrator.definitions().latestVersion(name)
                    .<HttpResponse<?>>map(v -> version(name, v))
                    .orElseGet(() -> Problems.error(HttpStatus.NOT_FOUND, "no definition '" + name + "'"));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Get("/{name}/{version}")
    public HttpResponse<?> version(String name, int version) {
        try {
            Optional<String> document = orchestrator.definitions().document(name, version);
            if (document.isEmpty()) {
                return Problems.error(HttpStatus.NOT_FOUND, "no definition '" + name + "' version " + version);
            }
            return HttpResponse.ok(Json.mapper().readTree(document.get()));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored definition " + name + "/" + version + " is not JSON", e);
        }
    }
}
