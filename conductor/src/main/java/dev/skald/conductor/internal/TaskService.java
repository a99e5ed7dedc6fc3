package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.machine.CommandId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The task API's operations over the poll bridge: poll, update, logs, reads. The controller maps their outcomes to
 * Conductor's HTTP answers.
 */
@Singleton
@Requires(beans = PollBridge.class)
final class TaskService {
    /** How long an update waits for the bridge to apply it, so that a read right after sees it. */
    static final Duration UPDATE_WAIT = Duration.ofSeconds(5);

    private final PollBridge bridge;
    private final Poller poller;
    private final TaskResultReader reader;
    private final Map<String, Map<String, PollData>> pollData = new ConcurrentHashMap<>();

    TaskService(PollBridge bridge, OrchestratorRuntime runtime) {
        this.bridge = bridge;
        this.poller = new Poller(bridge.reads(), bridge.requests(), bridge.changes());
        this.reader = new TaskResultReader(runtime.orchestrator().config().maxStateBytes());
    }

    /** Who polled a task type last, Conductor's {@code PollData}; kept in this process only. */
    record PollData(String queueName, String domain, String workerId, long lastPollTime) {
    }

    List<BridgeTask> poll(String taskType, String workerId, String domain, int count, Duration timeout)
            throws InterruptedException {
        String worker = workerId == null || workerId.isBlank() ? "unknown" : workerId;
        pollData.computeIfAbsent(taskType, type -> new ConcurrentHashMap<>())
                .put(worker, new PollData(taskType, domain, worker, System.currentTimeMillis()));
        return poller.poll(taskType, worker, count, timeout);
    }

    List<PollData> pollData(String taskType) {
        return new ArrayList<>(pollData.getOrDefault(taskType, Map.of()).values());
    }

    Optional<BridgeTask> task(String taskId) {
        return bridge.reads().task(taskId);
    }

    /** The other instance that owns this task's workflow, if another one does. */
    Optional<HostInfo> ownerOfTask(String taskId) {
        return CommandId.parse(taskId).flatMap(id -> bridge.remoteOwner(id.sagaId()));
    }

    int queueSize(String taskType) {
        return bridge.reads().queueSize(taskType);
    }

    /**
     * Applies a {@code TaskResult} body; the task's id when it is known (a terminal task ignores it).
     *
     * @param local true when the request was forwarded here, so the task is looked for on this instance only
     */
    Updated update(String body, boolean local) throws InterruptedException {
        TaskResultReader.Read read = reader.read(body);
        if (!read.problems().isEmpty()) {
            return new Updated.Invalid(read.problems());
        }
        WorkerUpdate.Result result = read.result();
        Optional<BridgeTask> task = task(result.taskId());
        if (task.isEmpty()) {
            return elsewhereOr(local ? Optional.empty() : ownerOfTask(result.taskId()),
                    "No such task found by id: " + result.taskId());
        }
        if (read.workflowInstanceId() != null && !read.workflowInstanceId().isBlank()
                && !read.workflowInstanceId().equals(task.get().sagaId())) {
            return new Updated.Invalid(List.of(new Problem("workflowInstanceId", "task " + result.taskId()
                    + " belongs to workflow " + task.get().sagaId() + ", not " + read.workflowInstanceId())));
        }
        return apply(task.get(), result);
    }

    /** Updates the pending task of a workflow's task reference ({@code POST /api/tasks/{wf}/{ref}/{status}}). */
    Updated update(String workflowId, String taskRefName, String status, String workerId, String outputBody,
                   boolean local) throws InterruptedException {
        Optional<BridgeTask> task = bridge.reads().pending(workflowId, taskRefName);
        if (task.isEmpty()) {
            return elsewhereOr(local ? Optional.empty() : bridge.remoteOwner(workflowId),
                    "Found no running task " + taskRefName + " of workflow " + workflowId);
        }
        ObjectNode json = JsonSerde.MAPPER.createObjectNode().put("taskId", task.get().taskId()).put("status", status)
                .put("workerId", workerId);
        if (outputBody != null && !outputBody.isBlank()) {
            try {
                json.set("outputData", JsonSerde.MAPPER.readTree(outputBody));
            } catch (JsonProcessingException e) {
                return new Updated.Invalid(List.of(new Problem("$", "not JSON: " + e.getOriginalMessage())));
            }
        }
        TaskResultReader.Read read = reader.read(json.toString());
        if (!read.problems().isEmpty()) {
            return new Updated.Invalid(read.problems());
        }
        return apply(task.get(), read.result());
    }

    /** Appends a log line to a task. */
    Updated log(String taskId, String text, boolean local) throws InterruptedException {
        Optional<BridgeTask> task = task(taskId);
        if (task.isEmpty()) {
            return elsewhereOr(local ? Optional.empty() : ownerOfTask(taskId), "No such task found by id: " + taskId);
        }
        WorkerUpdate.Logs logs = new WorkerUpdate.Logs(taskId, UUID.randomUUID().toString(),
                List.of(new TaskLog(text, taskId, System.currentTimeMillis())));
        return apply(task.get(), logs);
    }

    private static Updated elsewhereOr(Optional<HostInfo> owner, String notFound) {
        return owner.<Updated>map(Updated.Elsewhere::new).orElseGet(() -> new Updated.NotFound(notFound));
    }

    private Updated apply(BridgeTask task, WorkerUpdate update) throws InterruptedException {
        if (!task.status().terminal()) {
            bridge.requests().update(task.sagaId(), update);
            awaitApplied(task.taskType(), update);
        }
        return new Updated.Done(task.taskId());
    }

    private void awaitApplied(String taskType, WorkerUpdate update) throws InterruptedException {
        Instant giveUpAt = Instant.now().plus(UPDATE_WAIT);
        while (Instant.now().isBefore(giveUpAt)) {
            Optional<BridgeTask> now = task(update.taskId());
            if (now.isEmpty() || now.get().status().terminal() || update.updateId().equals(now.get().updateId())) {
                return;
            }
            bridge.changes().await(taskType, Poller.TICK);
        }
    }

    /** How an update went. */
    sealed interface Updated {
        /** Accepted (applied, or ignored because the task has ended). */
        record Done(String taskId) implements Updated {
        }

        /** No such task. */
        record NotFound(String message) implements Updated {
        }

        /** Another instance owns the task: the request goes there. */
        record Elsewhere(HostInfo owner) implements Updated {
        }

        /** The body is not a valid update. */
        record Invalid(List<Problem> problems) implements Updated {
        }
    }
}
