package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import com.netflix.conductor.common.validation.ValidationError;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.FailureSagas;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Conductor's metadata and workflow APIs on Skald, driven by Conductor's official Java client, unchanged, against a
 * real broker. The test participants answer the commands of SIMPLE tasks by task name: {@code hold} never answers,
 * {@code refuse} fails the first attempt of each workflow, everything else completes with {@code {"done": name}}.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConductorApiIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = new JsonMapper();

    private final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    private AppFixture fixture;
    private MetadataClient metadata;
    private WorkflowClient workflows;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        fixture = AppFixture.start("conductor-api-it", Map.of("skald.partitions", 2), this::script);
        ConductorClient client = ConductorClient.builder().basePath(fixture.app().uri() + "/api").build();
        metadata = new MetadataClient(client);
        workflows = new WorkflowClient(client);
        metadata.registerTaskDefs(List.of(taskDef("charge"), taskDef("ship"), taskDef("hold"), taskDef("refuse")));
        metadata.registerWorkflowDef(workflow("order_flow", "charge", "ship"));
        metadata.registerWorkflowDef(workflow("hold_flow", "hold"));
        metadata.registerWorkflowDef(workflow("refuse_flow", "charge", "refuse"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Answer script(SagaCommand command) {
        String type = command.getCommandType();
        if (type.equals("hold")) {
            return null;
        }
        if (type.equals("refuse") && refusedOnce.add(command.getSagaId())) {
            return Answer.fail("refused once");
        }
        return Answer.ok("{\"done\":\"" + type + "\"}");
    }

    @Test
    void registersTaskDefinitionsAndReadsThemBack() {
        TaskDef temporary = taskDef("temporary");
        temporary.setResponseTimeoutSeconds(120);
        metadata.registerTaskDefs(List.of(temporary));
        assertThat(metadata.getTaskDef("temporary").getResponseTimeoutSeconds()).isEqualTo(120);
        assertThat(metadata.getAllTaskDefs()).extracting(TaskDef::getName).contains("charge", "ship", "temporary");

        temporary.setDescription("changed");
        metadata.updateTaskDef(temporary);
        assertThat(metadata.getTaskDef("temporary").getDescription()).isEqualTo("changed");

        metadata.unregisterTaskDef("temporary");
        assertThatThrownBy(() -> metadata.getTaskDef("temporary")).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(404));
    }

    @Test
    void refusesAnInvalidTaskDefinitionWithConductorsValidationErrors() {
        TaskDef nameless = new TaskDef();
        nameless.setRetryCount(-1);
        assertThatThrownBy(() -> metadata.registerTaskDefs(List.of(taskDef("fine"), nameless)))
                .isInstanceOfSatisfying(ConductorClientException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors()).extracting(ValidationError::getPath)
                            .contains("taskDefs[1].name", "taskDefs[1].retryCount");
                });
        assertThatThrownBy(() -> metadata.getTaskDef("fine")).isInstanceOf(ConductorClientException.class);
    }

    @Test
    void returnsAWorkflowDefinitionAsRegisteredAndKeepsVersionsImmutable() {
        WorkflowDef def = workflow("versioned_flow", "charge");
        def.setDescription("first");
        metadata.registerWorkflowDef(def);
        WorkflowDef read = metadata.getWorkflowDef("versioned_flow", 1);
        assertThat(read.getDescription()).isEqualTo("first");
        assertThat(read.getTasks()).extracting(WorkflowTask::getTaskReferenceName).containsExactly("charge_ref");

        assertThatThrownBy(() -> metadata.registerWorkflowDef(def)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(409));

        def.setDescription("second");
        metadata.updateWorkflowDefs(List.of(def));
        assertThat(metadata.getWorkflowDef("versioned_flow", null).getDescription()).isEqualTo("second");

        WorkflowDef changed = workflow("versioned_flow", "charge", "ship");
        assertThatThrownBy(() -> metadata.updateWorkflowDefs(List.of(changed))).isInstanceOfSatisfying(
                ConductorClientException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("register the change as version 2");
                });
        changed.setVersion(2);
        metadata.updateWorkflowDefs(List.of(changed));
        assertThat(metadata.getWorkflowDef("versioned_flow", null).getVersion()).isEqualTo(2);
        assertThat(metadata.getAllWorkflowsWithLatestVersions()).filteredOn(w -> w.getName().equals("versioned_flow"))
                .extracting(WorkflowDef::getVersion).containsExactly(2);

        metadata.unregisterWorkflowDef("versioned_flow", 2);
        assertThat(metadata.getWorkflowDef("versioned_flow", null).getVersion()).isEqualTo(1);
    }

    @Test
    void refusesADefinitionSkaldCannotRunNamingEveryProblem() {
        WorkflowDef def = workflow("loop_flow", "charge");
        WorkflowTask loop = new WorkflowTask();
        loop.setName("loop");
        loop.setTaskReferenceName("loop_ref");
        loop.setType("DO_WHILE");
        WorkflowTask anonymous = new WorkflowTask();
        anonymous.setName("ship");
        def.setTasks(List.of(def.getTasks().get(0), loop, anonymous));
        assertThatThrownBy(() -> metadata.registerWorkflowDef(def)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors()).extracting(ValidationError::getPath)
                            .anyMatch(p -> p.startsWith("tasks[1]")).anyMatch(p -> p.startsWith("tasks[2]"));
                    assertThat(e.getValidationErrors()).extracting(ValidationError::getMessage)
                            .anyMatch(m -> m.contains("DO_WHILE"));
                });
        assertThatThrownBy(() -> metadata.getWorkflowDef("loop_flow", 1)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(404));
    }

    @Test
    void startsAWorkflowAndShowsEachAttemptAsATask() {
        String id = workflows.startWorkflow(start("order_flow", "corr-" + UUID.randomUUID(), Map.of("sku", "A-1")));
        Workflow done = awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
        assertThat(done.getWorkflowName()).isEqualTo("order_flow");
        assertThat(done.getWorkflowVersion()).isEqualTo(1);
        assertThat(done.getInput()).containsEntry("sku", "A-1");
        assertThat(done.getEndTime()).isGreaterThanOrEqualTo(done.getStartTime()).isPositive();
        assertThat(done.getTasks()).extracting(Task::getReferenceTaskName).containsExactly("charge_ref", "ship_ref");
        Task charge = done.getTasks().get(0);
        assertThat(charge.getTaskId()).isEqualTo(Command.id(id, "charge_ref", 1, CommandKind.ACTION));
        assertThat(charge.getTaskDefName()).isEqualTo("charge");
        assertThat(charge.getTaskType()).isEqualTo("SIMPLE");
        assertThat(charge.getStatus()).isEqualTo(Task.Status.COMPLETED);
        assertThat(charge.getOutputData()).containsEntry("done", "charge");
        assertThat(charge.getWorkflowInstanceId()).isEqualTo(id);
        assertThat(charge.getSeq()).isEqualTo(1);
        assertThat(charge.getEndTime()).isGreaterThanOrEqualTo(charge.getStartTime()).isPositive();
        assertThat(workflows.getWorkflow(id, false).getTasks()).isEmpty();
    }

    @Test
    void anEventTaskPublishesConductorsPayloadToItsKafkaSink() throws IOException {
        WorkflowDef def = workflow("event_flow", "charge");
        WorkflowTask announce = new WorkflowTask();
        announce.setName("announce");
        announce.setTaskReferenceName("announce_ref");
        announce.setType("EVENT");
        announce.setSink("kafka:conductor-api-it.events");
        announce.setInputParameters(Map.of("sku", "${workflow.input.sku}", "charged", "${charge_ref.output.done}"));
        def.setTasks(List.of(def.getTasks().get(0), announce));
        metadata.registerWorkflowDef(def);

        String id = workflows.startWorkflow(start("event_flow", "corr-event", Map.of("sku", "E-1")));
        awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
        List<ConsumerRecord<String, String>> events = fixture.kafka().committedRecords("conductor-api-it.events", 1,
                WAIT);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.key()).isEqualTo(id);
            assertThat(JSON.readTree(event.value())).isEqualTo(JSON.readTree("""
                    {"sku": "E-1", "charged": "charge", "sink": "kafka:conductor-api-it.events",
                     "workflowInstanceId": "%s", "workflowType": "event_flow", "workflowVersion": 1,
                     "correlationId": "corr-event"}""".formatted(id)));
        });
    }

    @Test
    void startsAWorkflowByNameWithTheInputAsBody() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(fixture.app().uri() + "/api/workflow/order_flow?version=1&correlationId=by-name"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\": \"B-2\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        Workflow done = awaitStatus(response.body(), Workflow.WorkflowStatus.COMPLETED);
        assertThat(done.getCorrelationId()).isEqualTo("by-name");
        assertThat(done.getInput()).containsEntry("sku", "B-2");
    }

    @Test
    void refusesBadStartsWithConductorErrors() throws IOException, InterruptedException {
        assertThatThrownBy(() -> workflows.startWorkflow(start("no_such_flow", null, Map.of())))
                .isInstanceOfSatisfying(ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(404));
        HttpResponse<String> notJson = post("/api/workflow/order_flow", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"validationErrors\"").contains("not valid JSON");
        HttpResponse<String> badVersion = post("/api/workflow/order_flow?version=x", "{}");
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(badVersion.body()).contains("\"path\":\"version\"");
        assertThatThrownBy(() -> workflows.getWorkflow("no-such-workflow", true)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(404));
        assertThatThrownBy(() -> workflows.getWorkflow("bad*id", true)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).as(e.getMessage()).isEqualTo(400));
        HttpResponse<String> spaced = http.send(HttpRequest.newBuilder(URI.create(fixture.app().uri()
                + "/api/workflow/bad%20id")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(spaced.statusCode()).as(spaced.body()).isEqualTo(400);
        assertThat(spaced.body()).contains("\"path\":\"workflowId\"");
    }

    @Test
    void aRepeatedIdempotencyKeyFollowsItsStrategy() {
        StartWorkflowRequest request = start("order_flow", null, Map.of());
        request.setIdempotencyKey("key-" + UUID.randomUUID());
        String id = workflows.startWorkflow(request);
        awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);

        request.setIdempotencyStrategy(com.netflix.conductor.common.metadata.workflow.IdempotencyStrategy
                .RETURN_EXISTING);
        assertThat(workflows.startWorkflow(request)).isEqualTo(id);
        request.setIdempotencyStrategy(com.netflix.conductor.common.metadata.workflow.IdempotencyStrategy.FAIL);
        assertThatThrownBy(() -> workflows.startWorkflow(request)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(id);
                });
    }

    @Test
    void searchesByTypeStatusAndCorrelationId() {
        String correlation = "search-" + UUID.randomUUID();
        String completed = workflows.startWorkflow(start("order_flow", correlation, Map.of()));
        String held = workflows.startWorkflow(start("hold_flow", correlation, Map.of()));
        awaitStatus(completed, Workflow.WorkflowStatus.COMPLETED);
        await().atMost(WAIT).until(() -> workflows.getWorkflow(held, true).getTasks().size() == 1);

        assertThat(ids(workflows.search(0, 100, null, "*", "correlationId = '" + correlation + "'")))
                .containsExactlyInAnyOrder(completed, held);
        assertThat(ids(workflows.search(0, 100, null, "*", "workflowType = 'hold_flow' AND status = RUNNING "
                + "AND correlationId = '" + correlation + "'"))).containsExactly(held);
        assertThat(ids(workflows.search(0, 100, null, "*", "status IN (COMPLETED, FAILED) AND correlationId = '"
                + correlation + "'"))).containsExactly(completed);
        SearchResult<WorkflowSummary> page = workflows.search(0, 1, "startTime:ASC", "*",
                "correlationId = '" + correlation + "'");
        assertThat(page.getTotalHits()).isEqualTo(2);
        assertThat(ids(page)).containsExactly(completed);
        assertThat(page.getResults().get(0).getWorkflowType()).isEqualTo("order_flow");
        assertThat(page.getResults().get(0).getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);

        assertThat(workflows.getWorkflows("hold_flow", correlation, false, false)).extracting(Workflow::getWorkflowId)
                .containsExactly(held);
        assertThat(workflows.getRunningWorkflow("hold_flow", 1)).contains(held).doesNotContain(completed);
        assertThatThrownBy(() -> workflows.search("status = SOMETIMES")).isInstanceOfSatisfying(
                ConductorClientException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getValidationErrors()).extracting(ValidationError::getMessage)
                            .anyMatch(m -> m.contains("at character 10"));
                });
        workflows.terminateWorkflow(held, "search done");
    }

    @Test
    void pausesResumesAndTerminates() {
        String id = workflows.startWorkflow(start("hold_flow", null, Map.of()));
        await().atMost(WAIT).until(() -> workflows.getWorkflow(id, true).getTasks().size() == 1);
        assertThat(workflows.getWorkflow(id, true).getTasks().get(0).getStatus()).isEqualTo(Task.Status.IN_PROGRESS);

        workflows.pauseWorkflow(id);
        awaitStatus(id, Workflow.WorkflowStatus.PAUSED);
        workflows.resumeWorkflow(id);
        awaitStatus(id, Workflow.WorkflowStatus.RUNNING);
        assertThatThrownBy(() -> workflows.resumeWorkflow(id)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(409));

        workflows.terminateWorkflow(id, "no longer wanted");
        Workflow terminated = awaitStatus(id, Workflow.WorkflowStatus.TERMINATED);
        assertThat(terminated.getReasonForIncompletion()).contains("no longer wanted");
        assertThat(workflows.getRunningWorkflow("hold_flow", 1)).doesNotContain(id);

        String held = Command.id(id, "hold_ref", 1, CommandKind.ACTION);
        SagaCommand command = await().atMost(WAIT).until(() -> fixture.participants().seen().stream()
                .filter(c -> c.getCommandId().equals(held)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        fixture.participants().answerLater(command, Answer.fail("gave up"));
        await().atMost(WAIT).until(() -> fixture.app().orchestrator().queries().saga(id).orElseThrow().status()
                .isTerminal());
        Workflow settled = workflows.getWorkflow(id, true);
        assertThat(settled.getStatus()).isEqualTo(Workflow.WorkflowStatus.TERMINATED);
        assertThat(settled.getTasks().get(0).getStatus()).isIn(Task.Status.CANCELED, Task.Status.FAILED);
        assertThatThrownBy(() -> workflows.terminateWorkflow(id, "again")).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(409));
    }

    @Test
    void retriesAFailedWorkflowAsANewAttemptOfTheFailedTask() {
        String id = workflows.startWorkflow(start("refuse_flow", null, Map.of()));
        Workflow failed = awaitStatus(id, Workflow.WorkflowStatus.FAILED);
        assertThat(failed.getReasonForIncompletion()).contains("refused once");
        assertThat(failed.getTasks()).extracting(Task::getStatus)
                .containsExactly(Task.Status.COMPLETED, Task.Status.FAILED);

        workflows.retryLastFailedTask(id);
        Workflow done = awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
        assertThat(done.getTasks()).filteredOn(t -> t.getReferenceTaskName().equals("refuse_ref"))
                .extracting(Task::getTaskId, Task::getStatus, Task::getRetryCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Command.id(id, "refuse_ref", 1, CommandKind.ACTION),
                                Task.Status.FAILED, 0),
                        org.assertj.core.groups.Tuple.tuple(Command.id(id, "refuse_ref", 2, CommandKind.ACTION),
                                Task.Status.COMPLETED, 1));
        assertThatThrownBy(() -> workflows.retryLastFailedTask(id)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(409));
    }

    @Test
    void aFailedWorkflowStartsItsFailureWorkflowWithConductorsFailureInput() {
        metadata.registerWorkflowDef(workflow("cleanup_flow", "ship"));
        WorkflowDef guarded = workflow("guarded_flow", "charge", "refuse");
        guarded.setFailureWorkflow("cleanup_flow");
        metadata.registerWorkflowDef(guarded);

        String id = workflows.startWorkflow(start("guarded_flow", "guard-1", Map.of("order", "o-9")));
        awaitStatus(id, Workflow.WorkflowStatus.FAILED);
        Workflow cleanup = awaitStatus(FailureSagas.startedSagaId(id, 0), Workflow.WorkflowStatus.COMPLETED);

        assertThat(cleanup.getWorkflowName()).isEqualTo("cleanup_flow");
        assertThat(cleanup.getCorrelationId()).isEqualTo("guard-1");
        assertThat(cleanup.getInput()).containsEntry("order", "o-9").containsEntry("workflowId", id)
                .containsEntry("failureStatus", "FAILED")
                .containsEntry("failureTaskId", Command.id(id, "refuse_ref", 1, CommandKind.ACTION));
        assertThat((String) cleanup.getInput().get("reason")).contains("refused once");
    }

    @Test
    void restartsAnEndedWorkflowFromItsFirstTaskUnderTheSameIdListingOnlyTheNewRunsTasks() {
        String id = workflows.startWorkflow(start("order_flow", null, Map.of()));
        awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
        List<String> before = workflows.getWorkflow(id, true).getTasks().stream().map(Task::getTaskId).toList();

        workflows.restart(id, false);

        await().atMost(WAIT).until(() -> workflows.getWorkflow(id, true), w -> w.getStatus()
                == Workflow.WorkflowStatus.COMPLETED && w.getTasks().stream().noneMatch(t -> before.contains(
                        t.getTaskId())));
        Workflow again = workflows.getWorkflow(id, true);
        assertThat(again.getTasks()).hasSameSizeAs(before).extracting(Task::getRetryCount).containsOnly(0);
        assertThat(again.getTasks()).extracting(Task::getTaskId).doesNotHaveDuplicates();
        assertThatThrownBy(() -> workflows.restart(id, true)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getStatus()).isEqualTo(400));
    }

    @Test
    void refusesWhatSkaldCannotDoNamingIt() {
        String id = workflows.startWorkflow(start("order_flow", null, Map.of()));
        awaitStatus(id, Workflow.WorkflowStatus.COMPLETED);
        assertThatThrownBy(() -> workflows.deleteWorkflow(id, false)).isInstanceOfSatisfying(
                ConductorClientException.class, e -> assertThat(e.getMessage()).contains("not supported by Skald"));
        assertThat(workflows.getWorkflow(id, false).getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    }

    @Test
    void answersEveryHostileInputWithAConductorShaped4xx() throws IOException, InterruptedException {
        String huge = "[" + "\"x\",".repeat(300_000) + "\"x\"]";
        List<List<String>> cases = List.of(
                List.of("POST", "/api/metadata/taskdefs", "{not json", "400", "\"path\":\"body\""),
                List.of("POST", "/api/metadata/taskdefs", "\"x\"", "400", "JSON array"),
                List.of("POST", "/api/metadata/taskdefs", "[{\"name\": \"bad topic!\"}]", "400",
                        "taskDefs[0].name"),
                List.of("POST", "/api/metadata/taskdefs", "[{\"name\": \"t\", \"timeoutSeconds\": 10, "
                        + "\"responseTimeoutSeconds\": 20, \"retryLogic\": \"SOMETIMES\"}]", "400",
                        "must be less than timeoutSeconds"),
                List.of("POST", "/api/metadata/taskdefs", huge, "413", "\"status\":413"),
                List.of("PUT", "/api/metadata/taskdefs", "{\"name\": \"never_registered\"}", "404",
                        "No such taskType"),
                List.of("PUT", "/api/metadata/workflow", "[1]", "400", "\"path\":\"workflowDefs[0]\""),
                List.of("POST", "/api/metadata/workflow", "", "400", "empty"),
                List.of("POST", "/api/metadata/workflow?overwrite=maybe", "{}", "400", "\"path\":\"overwrite\""),
                List.of("DELETE", "/api/metadata/workflow/order_flow/abc", "", "400", "\"path\":\"version\""),
                List.of("DELETE", "/api/metadata/workflow/order_flow/99", "", "404", "No such workflow"),
                List.of("GET", "/api/metadata/workflow/order_flow?version=0", "", "400", "at least 1"),
                List.of("POST", "/api/workflow", "[]", "400", "StartWorkflowRequest"),
                List.of("POST", "/api/workflow", "{\"name\": \"order_flow\", \"input\": [1], \"priority\": 200}",
                        "400", "\"path\":\"priority\""),
                List.of("POST", "/api/workflow", "{\"name\": \"order_flow\", \"workflowDef\": {}}", "400",
                        "not supported by Skald"),
                List.of("POST", "/api/workflow/order_flow?correlationId=%01", "{}", "400",
                        "\"path\":\"correlationId\""),
                List.of("GET", "/api/workflow/search?size=lots&query=status%3D", "", "400", "\"path\":\"size\""),
                List.of("GET", "/api/workflow/search?sort=age:UP", "", "400", "\"path\":\"sort\""),
                List.of("GET", "/api/workflow/running/order_flow?startTime=yesterday", "", "400", "startTime"),
                List.of("PUT", "/api/workflow/no-such-workflow/pause", "", "404", "No such workflow"),
                List.of("DELETE", "/api/workflow/" + "x".repeat(600), "", "400", "\"path\":\"workflowId\""),
                List.of("GET", "/api/nothing/here", "", "404", "\"status\":404"),
                List.of("PATCH", "/api/workflow/search", "", "405", "\"status\":405"));
        for (List<String> c : cases) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fixture.app().uri()
                    + c.get(1))).header("Content-Type", "application/json").method(c.get(0), c.get(2).isEmpty()
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.get(2))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String what = c.get(0) + " " + c.get(1).substring(0, Math.min(80, c.get(1).length())) + " -> "
                    + response.body();
            assertThat(response.statusCode()).as(what).isEqualTo(Integer.parseInt(c.get(3)));
            assertThat(response.body()).as(what).contains("\"message\"").contains(c.get(4));
        }
    }

    @Test
    void skipsStrayRecordsInItsTopics() throws Exception {
        java.util.Properties props = fixture.app().orchestrator().config().clientProperties();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("skald.conductor.taskdefs",
                    "stray", "not json")).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("skald.conductor.workflows",
                    "no-version", "{}")).get();
        }
        metadata.registerTaskDefs(List.of(taskDef("after_stray")));
        metadata.registerWorkflowDef(workflow("after_stray_flow", "after_stray"));
        assertThat(metadata.getAllTaskDefs()).extracting(TaskDef::getName).contains("after_stray")
                .doesNotContain("stray");
        assertThat(metadata.getAllWorkflowsWithLatestVersions()).extracting(WorkflowDef::getName)
                .contains("after_stray_flow");
    }

    /** Waits for the workflow to reach this status; a 404 meanwhile means it has not started yet. */
    private Workflow awaitStatus(String id, Workflow.WorkflowStatus status) {
        return await().atMost(WAIT)
                .ignoreExceptionsMatching(e -> e instanceof ConductorClientException c && c.getStatus() == 404)
                .until(() -> workflows.getWorkflow(id, true), w -> w.getStatus() == status);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fixture.app().uri() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(SearchResult<WorkflowSummary> result) {
        return result.getResults().stream().map(WorkflowSummary::getWorkflowId).toList();
    }

    private static StartWorkflowRequest start(String name, String correlationId, Map<String, Object> input) {
        StartWorkflowRequest request = new StartWorkflowRequest();
        request.setName(name);
        request.setVersion(1);
        request.setCorrelationId(correlationId);
        request.setInput(input);
        return request;
    }

    private static TaskDef taskDef(String name) {
        TaskDef def = new TaskDef(name);
        def.setRetryCount(0);
        def.setOwnerEmail("team@example.com");
        return def;
    }

    private static WorkflowDef workflow(String name, String... taskNames) {
        WorkflowDef def = new WorkflowDef();
        def.setName(name);
        def.setVersion(1);
        def.setOwnerEmail("team@example.com");
        def.setTasks(java.util.Arrays.stream(taskNames).map(ConductorApiIT::simple).toList());
        return def;
    }

    private static WorkflowTask simple(String taskName) {
        WorkflowTask task = new WorkflowTask();
        task.setName(taskName);
        task.setTaskReferenceName(taskName + "_ref");
        task.setType("SIMPLE");
        task.setInputParameters(Map.of("sku", "${workflow.input.sku}"));
        return task;
    }
}
