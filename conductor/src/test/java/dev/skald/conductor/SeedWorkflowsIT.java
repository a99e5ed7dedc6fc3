package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.client.worker.Worker;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import dev.skald.orchestrator.app.AppFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seeds' Conductor workflows run on Skald through Conductor's API alone: seed 000's three workflows, registered
 * with Conductor's Java client and completed by its worker runner; and seed 003's curl commands, as a script, with a
 * worker written in Python.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedWorkflowsIT {
    private static final Path EXAMPLES = Path.of("..", "examples", "conductor");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private AppFixture fixture;
    private ConductorClient client;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("seed-workflows-it", Map.of("skald.partitions", 2));
        client = ConductorClient.builder().basePath(fixture.app().uri() + "/api").build();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static WorkflowDef read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), WorkflowDef.class);
    }

    @Test
    void seed000sThreeWorkflowsCompleteWithConductorsWorkerRunner() throws IOException {
        MetadataClient metadata = new MetadataClient(client);
        WorkflowClient workflows = new WorkflowClient(client);
        List<WorkflowDef> defs = new ArrayList<>();
        try (var files = Files.list(EXAMPLES.resolve("seed-000"))) {
            for (Path file : files.sorted().toList()) {
                defs.add(read(file));
            }
        }
        List<Worker> workers = new ArrayList<>();
        List<TaskDef> taskDefs = new ArrayList<>();
        for (WorkflowDef def : defs) {
            for (WorkflowTask task : def.getTasks()) {
                taskDefs.add(new TaskDef(task.getName(), task.getName() + " of " + def.getName(), "team@example.com",
                        2, 300, 120));
                workers.add(Worker.create(task.getName(), polled -> done(polled)));
            }
        }
        metadata.registerTaskDefs(taskDefs);
        defs.forEach(metadata::registerWorkflowDef);
        TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(new TaskClient(client), workers)
                .withThreadCount(4).build();
        runner.init();
        try {
            List<String> ids = new ArrayList<>();
            for (WorkflowDef def : defs) {
                StartWorkflowRequest request = new StartWorkflowRequest();
                request.setName(def.getName());
                request.setVersion(def.getVersion());
                request.setCorrelationId("seed-000-" + def.getName());
                request.setInput(Map.of("userId", "u-1", "storeId", "s-1", "orderId", "o-1", "email", "a@example.com"));
                ids.add(workflows.startWorkflow(request));
            }
            for (String id : ids) {
                Workflow done = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> workflows.getWorkflow(id, true), w -> w.getStatus().isTerminal());
                assertThat(done.getStatus()).as(done.getWorkflowName()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
                assertThat(done.getTasks()).isNotEmpty().allSatisfy(task -> {
                    assertThat(task.getStatus()).isEqualTo(Task.Status.COMPLETED);
                    assertThat(task.getOutputData()).containsEntry("worker", "java");
                });
            }
        } finally {
            runner.shutdown();
        }
    }

    private static TaskResult done(Task task) {
        TaskResult result = new TaskResult(task);
        result.setStatus(TaskResult.Status.COMPLETED);
        result.getOutputData().put("worker", "java");
        result.getOutputData().put("task", task.getTaskDefName());
        return result;
    }

    @Test
    void seed003sCurlCommandsRunAsAScriptWithAPythonWorker() throws IOException, InterruptedException {
        Path log = Files.createTempFile("seed-003-worker", ".log");
        Path output = Files.createTempFile("seed-003-run", ".log");
        ProcessBuilder script = new ProcessBuilder("bash", EXAMPLES.resolve("seed-003").resolve("run.sh").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        script.environment().put("CONDUCTOR", fixture.app().uri().toString());
        script.environment().put("WORKER_LOG", log.toString());
        Process process = script.start();

        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(ended).as("the script ended:\n%s", printed).isTrue();
        assertThat(process.exitValue()).as("the script's exit code; it printed:\n%s\nthe worker:\n%s", printed,
                Files.readString(log)).isZero();
        assertThat(printed).contains("OK: seed 003's commands ran against");
        assertThat(new File(log.toString())).content().contains("COMPLETED").contains("FAILED_WITH_TERMINAL_ERROR");
    }
}
