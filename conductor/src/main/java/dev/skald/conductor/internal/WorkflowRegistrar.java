package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.SagaDocuments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registers Conductor workflow definitions: compiles each with the registered task definitions, applies the saga to
 * the orchestrator under the workflow's own {@code version} (1 when left out), and records the document as sent.
 *
 * <p>Versions: a Conductor version is a Skald version, and a Skald version never changes once applied. So
 * re-registering a version whose compiled saga is the same (metadata such as the description may differ) replaces the
 * stored document; one whose saga differs is a conflict that names the next free version.
 */
@Singleton
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
public class WorkflowRegistrar {
    /** A workflow definition ready to apply. */
    record Compiled(JsonNode document, SagaDefinition saga) {
    }

    private final Orchestrator orchestrator;
    private final KafkaTaskDefinitions taskDefs;
    private final WorkflowCatalog catalog;

    public WorkflowRegistrar(OrchestratorRuntime runtime, KafkaTaskDefinitions taskDefs, WorkflowCatalog catalog) {
        this.orchestrator = runtime.orchestrator();
        this.taskDefs = taskDefs;
        this.catalog = catalog;
    }

    /** The compiled definition, or empty with every problem added, each at {@code place} + its place. */
    Optional<Compiled> compile(JsonNode document, String place, List<Problem> problems) {
        if (document == null || !document.isObject()) {
            problems.add(new Problem(place.isEmpty() ? "body" : place.substring(0, place.length() - 1),
                    "a WorkflowDef must be a JSON object"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Compiled(document, ConductorDefinitions.compile(document, taskDefs.all())));
        } catch (InvalidDefinitionException e) {
            e.problems().forEach(p -> problems.add(new Problem(place + p.place(), p.message())));
            return Optional.empty();
        }
    }

    /** Whether this version was registered through the Conductor API. */
    boolean registered(Compiled compiled) {
        return catalog.get(compiled.saga().name(), compiled.saga().version()).isPresent();
    }

    /** Why this version cannot be applied (Skald has it with another saga), if it cannot. */
    Optional<String> conflict(Compiled compiled) {
        SagaDefinition saga = compiled.saga();
        Optional<String> existing = orchestrator.definitions().document(saga.name(), saga.version());
        if (existing.isEmpty() || SagaDocuments.fromJson(existing.get()).equals(saga)) {
            return Optional.empty();
        }
        int next = orchestrator.definitions().latestVersion(saga.name()).orElse(saga.version()) + 1;
        return Optional.of("workflow '" + saga.name() + "' version " + saga.version() + " is already registered "
                + "with other tasks; Skald never changes a registered version (running workflows finish on the "
                + "version they started with): register the change as version " + next);
    }

    /** Every conflict among these definitions. */
    List<String> conflicts(List<Compiled> compiled) {
        List<String> conflicts = new ArrayList<>();
        compiled.forEach(c -> conflict(c).ifPresent(conflicts::add));
        return conflicts;
    }

    /** Applies the saga and records the document; the caller checked {@link #conflict}. */
    void register(Compiled compiled) {
        orchestrator.apply(compiled.saga());
        catalog.put(compiled.saga().name(), compiled.saga().version(), compiled.document());
    }
}
