package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StepView;
import dev.skald.saga.machine.SagaStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Conductor's own worker runner ({@code TaskRunnerConfigurer}, client 4.0.10, unchanged) runs Skald sagas whose steps
 * are Conductor tasks, through the poll bridge, on a real broker.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingWorkersIT {
    private static final Duration SAGA_WAIT = Duration.ofSeconds(90);
    /** The transaction timeout of the application's producers, the bridge's too (Kafka Streams' default: 10 s). */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(6);

    private ConductorWorld world;

    @BeforeAll
    void start() {
        world = ConductorWorld.start("polling-workers-it", Map.ofEntries(Map.entry("validate", 3600),
                Map.entry("charge", 3600), Map.entry("ship", 3600), Map.entry("flaky", 3600),
                Map.entry("reserve", 3600), Map.entry("release", 3600), Map.entry("doomed", 3600),
                Map.entry("long_job", 4), Map.entry("stuck", 2), Map.entry("once", 3600),
                Map.entry("contended", 3600)),
                Map.of("skald.kafka.transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis())));
        world.define(sequence("three", "validate", "charge", "ship"));
        world.define(sequence("flaky-one", "flaky"));
        world.define("""
                {"name": "doomed-order", "version": 1, "steps": [
                  {"id": "reserve", "participant": "reserve", "command": "reserve",
                   "compensation": {"participant": "release", "command": "release"}},
                  {"id": "doomed", "participant": "doomed", "command": "doomed"}
                ]}""");
        world.define(sequence("long", "long_job"));
        world.define(sequence("stuck-one", "stuck"));
        world.define(sequence("once-one", "once"));
        world.define(sequence("contended-one", "contended"));
    }

    @AfterEach
    void stopWorkers() {
        world.stopRunners();
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** A definition of Conductor tasks in a row, each retried up to 3 times, 200 ms apart. */
    static String sequence(String name, String... taskTypes) {
        List<String> steps = new ArrayList<>();
        for (String type : taskTypes) {
            steps.add("{\"id\": \"" + type + "\", \"participant\": \"" + type + "\", \"command\": \"" + type
                    + "\", \"input\": {\"order\": \"${input.order}\"}, \"retry\": {\"maxAttempts\": 3, \"backoff\": "
                    + "\"fixed\", \"initialDelay\": \"200ms\", \"maxDelay\": \"200ms\"}}");
        }
        return "{\"name\": \"" + name + "\", \"version\": 1, \"steps\": [" + String.join(", ", steps) + "]}";
    }

    static TaskResult completed(Task task, Map<String, Object> output) {
        TaskResult result = new TaskResult(task);
        result.setStatus(TaskResult.Status.COMPLETED);
        result.getOutputData().putAll(output);
        return result;
    }

    static TaskResult failed(Task task, TaskResult.Status status, String reason) {
        TaskResult result = new TaskResult(task);
        result.setStatus(status);
        result.setReasonForIncompletion(reason);
        return result;
    }

    @Test
    void workersCompleteAThreeTaskSaga() {
        world.run(Worker.create("validate", task -> completed(task, Map.of("valid", true,
                        "order", task.getInputData().get("order")))),
                Worker.create("charge", task -> completed(task, Map.of("paymentId", "p-" + task.getWorkflowInstanceId()))),
                Worker.create("ship", task -> completed(task, Map.of("tracking", "t-1"))));
        List<String> sagas = List.of(world.start("three"), world.start("three"), world.start("three"));

        for (String id : sagas) {
            SagaView saga = world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT);
            assertThat(saga.steps()).extracting(StepView::id).containsExactly("validate", "charge", "ship");
            assertThat(saga.steps().get(0).output().get("order").asText()).isEqualTo("o-1");
            assertThat(saga.steps().get(1).output().get("paymentId").asText()).isEqualTo("p-" + id);
            assertThat(saga.steps()).allSatisfy(step -> assertThat(step.attempts()).isEqualTo(1));
        }
        world.assertEveryCommandAnsweredOnce();
    }
    @Test
    void aFailedTaskIsRetriedAndATerminalErrorCompensates() {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger releases = new AtomicInteger();
        world.run(Worker.create("flaky", task -> failedOnce.add(task.getWorkflowInstanceId())
                        ? failed(task, TaskResult.Status.FAILED, "try again") : completed(task, Map.of("ok", true))),
                Worker.create("reserve", task -> completed(task, Map.of("reservation", "r-1"))),
                Worker.create("release", task -> {
                    releases.incrementAndGet();
                    return completed(task, Map.of());
                }),
                Worker.create("doomed", task -> failed(task, TaskResult.Status.FAILED_WITH_TERMINAL_ERROR,
                        "card declined")));
        String flaky = world.start("flaky-one");
        String doomed = world.start("doomed-order");

        SagaView retried = world.awaitStatus(flaky, SagaStatus.COMPLETED, SAGA_WAIT);
        assertThat(retried.steps().get(0).attempts()).isEqualTo(2);
        Task firstAttempt = world.taskClient().getTaskDetails(flaky + ":flaky:1:action");
        assertThat(firstAttempt.getStatus()).isEqualTo(Task.Status.FAILED);
        assertThat(firstAttempt.getReasonForIncompletion()).isEqualTo("try again");
        SagaView compensated = world.awaitStatus(doomed, SagaStatus.COMPENSATED, SAGA_WAIT);
        assertThat(compensated.steps().get(1).error()).contains("card declined");
        assertThat(compensated.steps().get(1).attempts()).isEqualTo(1);
        await().atMost(SAGA_WAIT).untilAsserted(() -> assertThat(releases).hasValue(1));
        world.assertEveryCommandAnsweredOnce();
    }

    @Test
    void aConductorWorkflowWithCompensationsUndoesItsCompletedTasksThroughWorkers() throws Exception {
        Map<String, Object> released = new ConcurrentHashMap<>();
        world.run(Worker.create("reserve", task -> completed(task, Map.of("reservation", "r-" + task.getTaskId()))),
                Worker.create("release", task -> {
                    released.put(task.getWorkflowInstanceId(), task.getInputData().get("reservation"));
                    return completed(task, Map.of());
                }),
                Worker.create("doomed", task -> failed(task, TaskResult.Status.FAILED_WITH_TERMINAL_ERROR,
                        "card declined")));
        Http http = new Http(world.fixture().app().uri().toString());
        assertThat(http.post("/api/metadata/workflow", """
                {"name": "undone_order", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "reserve", "taskReferenceName": "reserve", "type": "SIMPLE",
                   "compensation": {"name": "release",
                     "inputParameters": {"reservation": "${reserve.output.reservation}"}}},
                  {"name": "doomed", "taskReferenceName": "doomed", "type": "SIMPLE"}]}""").statusCode())
                .isEqualTo(200);
        HttpResponse<String> started = http.post("/api/workflow/undone_order", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = started.body();

        world.awaitStatus(id, SagaStatus.COMPENSATED, SAGA_WAIT);
        assertThat(released).containsExactly(Map.entry(id, "r-" + id + ":reserve:1:action"));
        Task release = world.taskClient().getTaskDetails(id + ":reserve:1:compensation");
        assertThat(release.getTaskDefName()).isEqualTo("release");
        assertThat(release.getStatus()).isEqualTo(Task.Status.COMPLETED);
        world.assertEveryCommandAnsweredOnce();
    }

    @Test
    void aTaskInProgressLongerThanATransactionTimeoutCompletesLater() {
        Duration working = TRANSACTION_TIMEOUT.multipliedBy(2);
        Map<String, Instant> firstPoll = new ConcurrentHashMap<>();
        world.run(Worker.create("long_job", task -> {
            Instant first = firstPoll.computeIfAbsent(task.getTaskId(), id -> Instant.now());
            if (Duration.between(first, Instant.now()).compareTo(working) < 0) {
                TaskResult result = new TaskResult(task);
                result.setStatus(TaskResult.Status.IN_PROGRESS);
                result.setCallbackAfterSeconds(1);
                return result.log("still working, poll " + task.getPollCount());
            }
            return completed(task, Map.of("polls", task.getPollCount()));
        }));
        String id = world.start("long");

        SagaView saga = world.awaitStatus(id, SagaStatus.COMPLETED, working.plus(SAGA_WAIT));
        // responseTimeoutSeconds is 4: each IN_PROGRESS update restarts it, so the one attempt never timed out
        assertThat(saga.steps().get(0).attempts()).isEqualTo(1);
        assertThat(saga.steps().get(0).output().get("polls").asInt()).isGreaterThan(5);
        Task task = world.taskClient().getTaskDetails(id + ":long_job:1:action");
        assertThat(task.getStatus()).isEqualTo(Task.Status.COMPLETED);
        assertThat(task.getEndTime() - task.getStartTime()).isGreaterThanOrEqualTo(working.toMillis());
        assertThat(world.taskClient().getTaskLogs(task.getTaskId())).isNotEmpty()
                .allSatisfy(log -> assertThat(log.getLog()).startsWith("still working"));
    }

    @Test
    void aLeasedTaskWhoseWorkerNeverAnswersTimesOutAndIsRetried() {
        String id = world.start("stuck-one");
        TaskClient client = world.taskClient();
        Task abandoned = pollOne(client, "stuck", "vanishing-worker");
        assertThat(abandoned.getTaskId()).isEqualTo(id + ":stuck:1:action");
        assertThat(client.getTaskDetails(abandoned.getTaskId()).getStatus()).isEqualTo(Task.Status.IN_PROGRESS);

        Task timedOut = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.getTaskDetails(abandoned.getTaskId()),
                        task -> task.getStatus() == Task.Status.TIMED_OUT);
        assertThat(timedOut.getReasonForIncompletion()).startsWith("TIMED_OUT");
        client.updateTask(completed(abandoned, Map.of("late", true)));
        assertThat(client.getTaskDetails(abandoned.getTaskId()).getStatus()).isEqualTo(Task.Status.TIMED_OUT);

        world.run(Worker.create("stuck", task -> completed(task, Map.of("attempt", task.getRetryCount() + 1))));
        SagaView saga = world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT);
        assertThat(saga.steps().get(0).attempts()).isEqualTo(2);
        assertThat(saga.steps().get(0).output().get("attempt").asInt()).isEqualTo(2);
        assertThat(world.repliesPerCommand()).containsEntry(abandoned.getTaskId(), 1L);
    }

    @Test
    void aRepeatedUpdateIsIgnored() {
        String id = world.start("once-one");
        TaskClient client = world.taskClient();
        Task task = pollOne(client, "once", "twice-saying-worker");

        client.updateTask(completed(task, Map.of("n", 1)));
        client.updateTask(completed(task, Map.of("n", 2)));

        SagaView saga = world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT);
        assertThat(saga.steps().get(0).output().get("n").asInt()).isEqualTo(1);
        assertThat(client.getTaskDetails(task.getTaskId()).getOutputData()).containsEntry("n", 1);
        assertThat(world.repliesPerCommand()).containsEntry(task.getTaskId(), 1L);
    }

    @Test
    void concurrentPollersNeverReceiveTheSameTask() throws Exception {
        int count = 30;
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sagas.add(world.start("contended-one"));
        }
        List<Task> received = new CopyOnWriteArrayList<>();
        Instant giveUpAt = Instant.now().plus(SAGA_WAIT);
        ExecutorService pollers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String worker = "poller-" + i;
                running.add(pollers.submit(() -> {
                    TaskClient client = world.taskClient();
                    while (received.size() < count && Instant.now().isBefore(giveUpAt)) {
                        received.addAll(client.batchPollTasksInDomain("contended", null, worker, 3, 200));
                    }
                }));
            }
            for (Future<?> poller : running) {
                poller.get();
            }
        } finally {
            pollers.shutdownNow();
        }

        assertThat(received).extracting(Task::getTaskId).doesNotHaveDuplicates().hasSize(count);
        TaskClient client = world.taskClient();
        received.forEach(task -> client.updateTask(completed(task, Map.of("by", task.getWorkerId()))));
        sagas.forEach(id -> world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT));
        world.assertEveryCommandAnsweredOnce();
    }

    @Test
    void hostileRequestsAreRefusedWithFourHundreds() throws Exception {
        Http http = new Http(world.fixture().app().uri().toString());
        assertThat(http.post("/api/tasks", "{not json").statusCode()).isEqualTo(400);
        assertThat(http.post("/api/tasks", "[1, 2]").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.post("/api/tasks", "{\"taskId\": \"nope\", \"status\": \"COMPLETED\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No such task found by id: nope");
        HttpResponse<String> everything = http.post("/api/tasks", "{\"status\": \"DONE\", \"callbackAfterSeconds\": -1,"
                + " \"outputData\": 7, \"logs\": [{}]}");
        assertThat(everything.statusCode()).isEqualTo(400);
        assertThat(everything.body()).contains("\"taskId\"", "\"status\"", "\"callbackAfterSeconds\"",
                "\"outputData\"", "\"logs[0].log\"");
        assertThat(http.get("/api/tasks/no-such-task").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/tasks/poll/batch/once?count=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/tasks/poll/nobody_polls_this?workerid=w").statusCode()).isEqualTo(204);
        assertThat(http.get("/api/tasks/no-such-task/log").statusCode()).isEqualTo(204);

        String id = world.start("once-one");
        TaskClient client = world.taskClient();
        Task task = pollOne(client, "once", "hostile-worker");
        String taskId = task.getTaskId();
        assertThat(http.post("/api/tasks", "{\"taskId\": \"" + taskId + "\", \"workflowInstanceId\": \"other\","
                + " \"status\": \"COMPLETED\"}").statusCode()).isEqualTo(400);
        String huge = "x".repeat(1_000_000);
        assertThat(http.post("/api/tasks", "{\"taskId\": \"" + taskId + "\", \"status\": \"COMPLETED\","
                + " \"outputData\": {\"blob\": \"" + huge + "\"}}").statusCode()).isEqualTo(400);
        assertThat(client.getTaskDetails(taskId).getStatus()).isEqualTo(Task.Status.IN_PROGRESS);

        assertThat(http.post("/api/tasks/" + taskId + "/log", "\"a line\"").statusCode()).isEqualTo(200);
        HttpResponse<String> done = http.post("/api/tasks/" + id + "/once/COMPLETED?workerid=w", "{\"via\": \"ref\"}");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo(taskId);
        SagaView saga = world.awaitStatus(id, SagaStatus.COMPLETED, SAGA_WAIT);
        assertThat(saga.steps().get(0).output().get("via").asText()).isEqualTo("ref");
        assertThat(client.getTaskLogs(taskId)).extracting(log -> log.getLog()).containsExactly("a line");
        assertThat(http.get("/api/tasks/queue/sizes?taskType=once").body()).isEqualTo("{\"once\":0}");
    }

    @Test
    void recordsTheBridgeCannotReadAreDeadLettered() {
        world.produce("skald.conductor.updates", "s-garbage", "{not json");
        world.produce("skald.conductor.updates", "s-unknown", "{\"type\": \"logs\", \"taskId\": \"nope\","
                + " \"updateId\": \"u\", \"logs\": []}");

        await().atMost(SAGA_WAIT).untilAsserted(() -> assertThat(world.deadLetterKinds("skald.conductor.updates"))
                .contains("UNDECODABLE", "REJECTED"));
    }

    /** Plain HTTP, for what Conductor's client would not send. */
    record Http(String base) {
        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Polls with Conductor's client until it gets one task of this type. */
    static Task pollOne(TaskClient client, String taskType, String workerId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.batchPollTasksInDomain(taskType, null, workerId, 1, 500),
                        tasks -> tasks.size() == 1).get(0);
    }
}
