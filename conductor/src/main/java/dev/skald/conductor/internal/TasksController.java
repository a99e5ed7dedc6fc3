package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Conductor's task resource ({@code /api/tasks}) over the poll bridge: what Conductor's polling workers call, with
 * Conductor's paths, status codes and JSON shapes.
 */
@Controller("/api/tasks")
@Requires(beans = PollBridge.class)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TasksController {
    /** The most tasks one batch poll returns. */
    static final int MAX_COUNT = 1000;
    /** The longest a batch poll waits. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final TaskService tasks;
    private final TaskForwarder forwarder;

    TasksController(TaskService tasks, TaskForwarder forwarder) {
        this.tasks = tasks;
        this.forwarder = forwarder;
    }

    @Get("/poll/{taskType}")
    HttpResponse<?> poll(@PathVariable String taskType, @Nullable @QueryValue("workerid") String workerId,
                         @Nullable @QueryValue String domain) throws InterruptedException {
        HttpResponse<?> invalid = checkType(taskType);
        if (invalid != null) {
            return invalid;
        }
        List<BridgeTask> polled = tasks.poll(taskType, workerId, domain, 1, Duration.ofMillis(100));
        return polled.isEmpty() ? HttpResponse.noContent() : HttpResponse.ok(TaskJson.task(polled.get(0)));
    }

    @Get("/poll/batch/{taskType}")
    HttpResponse<?> batchPoll(@PathVariable String taskType, @Nullable @QueryValue("workerid") String workerId,
                              @Nullable @QueryValue String domain, @Nullable @QueryValue Integer count,
                              @Nullable @QueryValue Integer timeout) throws InterruptedException {
        HttpResponse<?> invalid = checkType(taskType);
        int wanted = count == null ? 1 : count;
        int waitMillis = timeout == null ? 100 : timeout;
        if (invalid == null && (wanted < 1 || waitMillis < 0)) {
            invalid = TaskErrors.invalid(List.of(new Problem(wanted < 1 ? "count" : "timeout",
                    wanted < 1 ? "must be at least 1" : "must not be negative")));
        }
        if (invalid != null) {
            return invalid;
        }
        Duration wait = Duration.ofMillis(Math.min(waitMillis, MAX_TIMEOUT.toMillis()));
        ArrayNode list = JsonSerde.MAPPER.createArrayNode();
        tasks.poll(taskType, workerId, domain, Math.min(wanted, MAX_COUNT), wait)
                .forEach(task -> list.add(TaskJson.task(task)));
        return HttpResponse.ok(list);
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<?> update(HttpRequest<?> request, @Nullable @Body String body) throws InterruptedException {
        return answer(tasks.update(body, TaskForwarder.forwarded(request)), request, body);
    }

    @Post("/{workflowId}/{taskRefName}/{status}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_PLAIN)
    HttpResponse<?> updateByRef(@PathVariable String workflowId, @PathVariable String taskRefName,
                                @PathVariable String status, @Nullable @QueryValue("workerid") String workerId,
                                HttpRequest<?> request, @Nullable @Body String body) throws InterruptedException {
        return answer(tasks.update(workflowId, taskRefName, status, workerId, body, TaskForwarder.forwarded(request)),
                request, body);
    }

    @Post("/{taskId}/log")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    HttpResponse<?> log(@PathVariable String taskId, HttpRequest<?> request, @Nullable @Body String body)
            throws InterruptedException {
        if (body == null || body.isBlank()) {
            return TaskErrors.invalid(List.of(new Problem("$", "the log text is required")));
        }
        TaskService.Updated updated = tasks.log(taskId, unquoted(body), TaskForwarder.forwarded(request));
        return updated instanceof TaskService.Updated.Done ? HttpResponse.ok() : answer(updated, request, body);
    }

    @Get("/{taskId}/log")
    HttpResponse<?> logs(@PathVariable String taskId, HttpRequest<?> request) throws InterruptedException {
        Optional<BridgeTask> task = tasks.task(taskId);
        Optional<HostInfo> owner = ownerElsewhere(taskId, task, request);
        if (owner.isPresent()) {
            return forwarder.forward(owner.get(), request, null);
        }
        return task.filter(found -> !found.logs().isEmpty())
                .<HttpResponse<?>>map(found -> HttpResponse.ok(TaskJson.logs(found)))
                .orElseGet(HttpResponse::noContent);
    }

    @Get("/{taskId}")
    HttpResponse<?> task(@PathVariable String taskId, HttpRequest<?> request) throws InterruptedException {
        Optional<BridgeTask> task = tasks.task(taskId);
        Optional<HostInfo> owner = ownerElsewhere(taskId, task, request);
        if (owner.isPresent()) {
            return forwarder.forward(owner.get(), request, null);
        }
        return task.<HttpResponse<?>>map(found -> HttpResponse.ok(TaskJson.task(found)))
                .orElseGet(() -> TaskErrors.error(HttpStatus.NOT_FOUND, "Task not found for taskId: " + taskId));
    }

    @Get("/queue/sizes")
    Map<String, Integer> sizes(@Nullable @QueryValue("taskType") List<String> taskTypes) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        (taskTypes == null ? List.<String>of() : taskTypes).forEach(type -> sizes.put(type, tasks.queueSize(type)));
        return sizes;
    }

    @Get("/queue/size")
    int size(@QueryValue("taskType") String taskType) {
        return tasks.queueSize(taskType);
    }

    @Get("/queue/polldata")
    List<TaskService.PollData> pollData(@QueryValue("taskType") String taskType) {
        return tasks.pollData(taskType);
    }

    @Error(exception = BridgeUnavailableException.class)
    HttpResponse<?> unavailable(BridgeUnavailableException e) {
        return TaskErrors.error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()).header("Retry-After", "1");
    }

    private HttpResponse<?> answer(TaskService.Updated updated, HttpRequest<?> request, String body)
            throws InterruptedException {
        if (updated instanceof TaskService.Updated.Elsewhere elsewhere) {
            return forwarder.forward(elsewhere.owner(), request, body);
        }
        if (updated instanceof TaskService.Updated.Done done) {
            return HttpResponse.ok(done.taskId()).contentType(MediaType.TEXT_PLAIN_TYPE);
        }
        if (updated instanceof TaskService.Updated.NotFound notFound) {
            return TaskErrors.error(HttpStatus.NOT_FOUND, notFound.message());
        }
        return TaskErrors.invalid(((TaskService.Updated.Invalid) updated).problems());
    }

    /** The instance a read of a task not found here goes to: its owner, unless the read was forwarded already. */
    private Optional<HostInfo> ownerElsewhere(String taskId, Optional<BridgeTask> local, HttpRequest<?> request) {
        return local.isPresent() || TaskForwarder.forwarded(request) ? Optional.empty() : tasks.ownerOfTask(taskId);
    }

    private static HttpResponse<?> checkType(String taskType) {
        return Identifiers.TYPE.problem(taskType)
                .<HttpResponse<?>>map(problem -> TaskErrors.invalid(List.of(new Problem("taskType", problem))))
                .orElse(null);
    }

    /** A log body as Conductor's client sends it: a JSON string, or plain text. */
    private static String unquoted(String body) {
        try {
            JsonNode node = JsonSerde.MAPPER.readTree(body);
            return node.isTextual() ? node.asText() : body;
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
