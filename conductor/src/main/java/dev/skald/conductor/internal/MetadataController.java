package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.VersionConflictException;
import dev.skald.saga.definition.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Conductor's metadata resource: task definitions ({@code /api/metadata/taskdefs}) and workflow definitions. */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/api/metadata")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetadataController {
    private final KafkaTaskDefinitions taskDefs;
    private final WorkflowCatalog catalog;
    private final WorkflowRegistrar registrar;

    public MetadataController(KafkaTaskDefinitions taskDefs, WorkflowCatalog catalog, WorkflowRegistrar registrar) {
        this.taskDefs = taskDefs;
        this.catalog = catalog;
        this.registrar = registrar;
    }

    @Post(value = "/taskdefs", consumes = MediaType.ALL)
    public HttpResponse<?> registerTaskDefs(@Nullable @Body String body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode given = RequestValues.json(body, problems);
        // one TaskDef on its own is taken as a list of one, as the teams' scripts send them (curl -d @task.json)
        JsonNode list = given != null && given.isObject()
                ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(given) : given;
        if (list != null && !list.isArray()) {
            problems.add(new Problem("body", "expected a JSON array of TaskDef objects (or one TaskDef object)"));
        }
        if (problems.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                TaskDefDocuments.check(list.get(i), "taskDefs[" + i + "]", problems);
            }
        }
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        List<JsonNode> defs = new ArrayList<>();
        list.forEach(defs::add);
        taskDefs.register(defs);
        return HttpResponse.ok();
    }

    @Put(value = "/taskdefs", consumes = MediaType.ALL)
    public HttpResponse<?> updateTaskDef(@Nullable @Body String body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode def = RequestValues.json(body, problems);
        if (def != null) {
            TaskDefDocuments.check(def, "taskDef", problems);
        }
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        String name = def.get("name").asText();
        if (taskDefs.document(name).isEmpty()) {
            return ConductorErrors.notFound("No such taskType found by name: " + name);
        }
        taskDefs.register(List.of(def));
        return HttpResponse.ok();
    }

    @Get("/taskdefs")
    public HttpResponse<?> taskDefs() {
        return HttpResponse.ok(List.copyOf(taskDefs.all().values()));
    }

    @Get("/taskdefs/{tasktype}")
    public HttpResponse<?> taskDef(String tasktype) {
        return taskDefs.document(tasktype).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> ConductorErrors.notFound("No such taskType found by name: " + tasktype));
    }

    @Delete("/taskdefs/{tasktype}")
    public HttpResponse<?> deleteTaskDef(String tasktype) {
        return taskDefs.delete(tasktype) ? HttpResponse.ok()
                : ConductorErrors.notFound("No such taskType found by name: " + tasktype);
    }

    @Post(value = "/workflow", consumes = MediaType.ALL)
    public HttpResponse<?> createWorkflow(@Nullable @Body String body, @Nullable @QueryValue String overwrite) {
        List<Problem> problems = new ArrayList<>();
        boolean replace = RequestValues.bool(overwrite, false, "overwrite", problems);
        JsonNode def = RequestValues.json(body, problems);
        Optional<WorkflowRegistrar.Compiled> compiled = problems.isEmpty()
                ? registrar.compile(def, "", problems) : Optional.empty();
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return ConductorErrors.ready(() -> {
            if (!replace && registrar.registered(compiled.get())) {
                return ConductorErrors.conflict("Workflow with " + compiled.get().saga().name() + "."
                        + compiled.get().saga().version() + " already exists!");
            }
            HttpResponse<?> registered = register(List.of(compiled.get()));
            return registered.code() == 200 ? HttpResponse.ok() : registered;
        });
    }

    @Put(value = "/workflow", consumes = MediaType.ALL)
    public HttpResponse<?> updateWorkflows(@Nullable @Body String body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode list = RequestValues.json(body, problems);
        if (list != null && !list.isArray()) {
            problems.add(new Problem("body", "expected a JSON array of WorkflowDef objects"));
        }
        List<WorkflowRegistrar.Compiled> compiled = new ArrayList<>();
        if (problems.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                registrar.compile(list.get(i), "workflowDefs[" + i + "].", problems).ifPresent(compiled::add);
            }
        }
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return ConductorErrors.ready(() -> register(compiled));
    }

    /** Applies every definition, or none when one of them conflicts with an applied version. */
    private HttpResponse<?> register(List<WorkflowRegistrar.Compiled> compiled) {
        List<String> conflicts = registrar.conflicts(compiled);
        if (!conflicts.isEmpty()) {
            return ConductorErrors.conflict(String.join("; ", conflicts));
        }
        try {
            compiled.forEach(registrar::register);
        } catch (VersionConflictException e) {
            return ConductorErrors.conflict(e.getMessage());
        }
        ObjectNode bulk = JsonNodeFactory.instance.objectNode();
        compiled.forEach(c -> bulk.withArray("bulkSuccessfulResults").add(c.saga().name()));
        bulk.putObject("bulkErrorResults");
        return HttpResponse.ok(bulk);
    }

    @Get("/workflow/{name}")
    public HttpResponse<?> workflow(String name, @Nullable @QueryValue String version) {
        List<Problem> problems = new ArrayList<>();
        Integer wanted = RequestValues.integer(version, null, 1, "version", problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return catalog.get(name, wanted).<HttpResponse<?>>map(e -> HttpResponse.ok(e.document()))
                .orElseGet(() -> ConductorErrors.notFound("No such workflow found by name: " + name + ", version: "
                        + wanted));
    }

    @Get("/workflow")
    public HttpResponse<?> workflows() {
        return HttpResponse.ok(catalog.all().stream().map(WorkflowCatalog.Entry::document).toList());
    }

    @Get("/workflow/latest-versions")
    public HttpResponse<?> latestWorkflows() {
        return HttpResponse.ok(catalog.latestVersions().stream().map(WorkflowCatalog.Entry::document).toList());
    }

    @Delete("/workflow/{name}/{version}")
    public HttpResponse<?> deleteWorkflow(String name, String version) {
        List<Problem> problems = new ArrayList<>();
        Integer wanted = RequestValues.integer(version, null, 1, "version", problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return catalog.delete(name, wanted) ? HttpResponse.ok()
                : ConductorErrors.notFound("No such workflow definition: " + name + " version: " + wanted);
    }

}
