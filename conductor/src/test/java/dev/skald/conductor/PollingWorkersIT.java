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

    private ConductorWorld world;

    @BeforeAll
    void start() {
        world = ConductorWorld.start("polling-workers-it", Map.ofEntries(Map.entry("validate", 3600),
                Map.entry("charge", 3600), Map.entry("ship", 3600), Map.entry("flaky", 3600),
                Map.entry("reserve", 3600), Map.entry("release", 3600), Map.entry("doomed", 3600),
                Map.entry("long_job", 4), Map.entry("stuck", 2), Map.entry("once", 3600),
                Map.entry("contended", 3600)));
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
}
