package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.Workflow;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.orchestrator.app.AppInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the application on one broker: an instance that starts reads every definition registered before
 * it, sees what the other registers afterwards, and answers for workflows the other instance owns.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConductorTwoInstancesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private AppFixture fixture;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("conductor-two-it", Map.of("skald.partitions", 4),
                command -> Answer.ok("{\"done\":\"" + command.getCommandType() + "\"}"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void bothInstancesServeTheSameDefinitionsAndWorkflows() {
        MetadataClient first = new MetadataClient(client(fixture.app()));
        first.registerTaskDefs(List.of(new TaskDef("pack")));
        first.registerWorkflowDef(workflow("pack_flow", 1));

        AppInstance second = fixture.startInstance();
        MetadataClient other = new MetadataClient(client(second));
        assertThat(other.getTaskDef("pack").getName()).as("read at start-up").isEqualTo("pack");
        assertThat(other.getWorkflowDef("pack_flow", 1).getTasks()).hasSize(1);

        other.registerWorkflowDef(workflow("pack_flow", 2));
        await().atMost(WAIT).ignoreException(ConductorClientException.class)
                .until(() -> first.getWorkflowDef("pack_flow", null).getVersion() == 2);

        List<WorkflowClient> clients = List.of(new WorkflowClient(client(fixture.app())),
                new WorkflowClient(client(second)));
        List<String> ids = new ArrayList<>();
        await().atMost(WAIT).ignoreException(ConductorClientException.class).until(() -> {
            StartWorkflowRequest request = new StartWorkflowRequest();
            request.setName("pack_flow");
            while (ids.size() < 8) {
                ids.add(clients.get(ids.size() % 2).startWorkflow(request));
            }
            return true;
        });
        for (String id : ids) {
            for (WorkflowClient client : clients) {
                Workflow workflow = await().atMost(WAIT).ignoreException(ConductorClientException.class)
                        .until(() -> client.getWorkflow(id, true),
                                w -> w.getStatus() == Workflow.WorkflowStatus.COMPLETED);
                assertThat(workflow.getWorkflowVersion()).isEqualTo(2);
                assertThat(workflow.getTasks()).hasSize(1);
            }
        }
        await().atMost(WAIT).ignoreException(ConductorClientException.class).untilAsserted(() ->
                assertThat(clients.get(1).search(0, 100, null, "*", "workflowType = 'pack_flow'").getTotalHits())
                        .isEqualTo(ids.size()));
    }

    private static ConductorClient client(AppInstance app) {
        return ConductorClient.builder().basePath(app.uri() + "/api").build();
    }

    private static WorkflowDef workflow(String name, int version) {
        WorkflowTask task = new WorkflowTask();
        task.setName("pack");
        task.setTaskReferenceName("pack_ref");
        task.setType("SIMPLE");
        WorkflowDef def = new WorkflowDef();
        def.setName(name);
        def.setVersion(version);
        def.setDescription("version " + version);
        def.setTasks(List.of(task));
        return def;
    }
}
