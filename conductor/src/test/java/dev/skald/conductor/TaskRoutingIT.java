package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import dev.skald.orchestrator.app.AppInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances behind one worker fleet: a task polled from one instance is updated, read and logged through the
 * other, which forwards each request to the instance whose poll bridge owns the task.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskRoutingIT {
    /** Enough sagas that both instances own some (each owns at least one of the 3 partitions). */
    private static final int SAGAS = 24;

    private ConductorWorld world;
    private AppInstance second;

    @BeforeAll
    void start() {
        world = ConductorWorld.start("task-routing-it", Map.of("routed", 3600));
        world.define(PollingWorkersIT.sequence("routed-one", "routed"));
        second = world.fixture().startInstance();
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void updatesReadsAndLogsSentToTheOtherInstanceReachTheTasksOwner() throws Exception {
        List<String> sagas = new ArrayList<>();
        for (int i = 0; i < SAGAS; i++) {
            sagas.add(world.start("routed-one"));
        }
        TaskClient first = world.taskClient();
        TaskClient other = client(second);
        Map<String, TaskClient> polledFrom = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            first.batchPollTasksInDomain("routed", null, "w-1", 10, 200)
                    .forEach(task -> polledFrom.put(task.getTaskId(), first));
            other.batchPollTasksInDomain("routed", null, "w-2", 10, 200)
                    .forEach(task -> polledFrom.put(task.getTaskId(), other));
            return polledFrom.size() == SAGAS;
        });
        assertThat(polledFrom.values()).as("both instances own tasks").contains(first, other);

        polledFrom.forEach((taskId, owner) -> {
            TaskClient elsewhere = owner == first ? other : first;
            assertThat(elsewhere.getTaskDetails(taskId).getStatus()).isEqualTo(Task.Status.IN_PROGRESS);
            elsewhere.logMessageForTask(taskId, "via the other instance");
            TaskResult done = new TaskResult();
            done.setTaskId(taskId);
            done.setWorkflowInstanceId(taskId.substring(0, taskId.indexOf(':')));
            done.setStatus(TaskResult.Status.COMPLETED);
            done.getOutputData().put("routed", true);
            elsewhere.updateTask(done);
        });

        PollingWorkersIT.Http rest = new PollingWorkersIT.Http(world.fixture().app().uri().toString());
        for (String id : sagas) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rest.get("/sagas/" + id).body(), body -> body.contains("\"status\":\"COMPLETED\""));
        }
        polledFrom.forEach((taskId, owner) -> {
            TaskClient elsewhere = owner == first ? other : first;
            assertThat(elsewhere.getTaskDetails(taskId).getStatus()).isEqualTo(Task.Status.COMPLETED);
            assertThat(elsewhere.getTaskLogs(taskId)).extracting(log -> log.getLog())
                    .containsExactly("via the other instance");
        });
        world.assertEveryCommandAnsweredOnce();
    }

    private static TaskClient client(AppInstance instance) {
        return new TaskClient(new ConductorClient(instance.uri() + "/api"));
    }
}
