package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.HttpStep;
import dev.skald.saga.definition.JqStep;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConductorTaskTypesTest {
    private static final JsonMapper JSON = new JsonMapper();

    @Test
    void aWaitWithADurationIsADurableWait() {
        assertThat(onlyStep("""
                {"name": "w", "taskReferenceName": "cool_off", "type": "WAIT", "inputParameters": {"duration": "10 seconds"}}""")
                .kind()).isEqualTo(new StepKind.Wait(Duration.ofSeconds(10)));
        assertThat(onlyStep("""
                {"name": "w", "taskReferenceName": "cool_off", "type": "WAIT", "inputParameters": {"duration": "1d 2h"}}""")
                .kind()).isEqualTo(new StepKind.Wait(Duration.ofHours(26)));
    }

    @Test
    void anHttpTaskIsAnHttpStepThatAnswersInConductorsShape() throws IOException {
        StepKind.Task fetch = (StepKind.Task) onlyStep("""
                {"name": "fetch", "taskReferenceName": "fetch", "type": "HTTP", "inputParameters": {"http_request": {
                  "uri": "https://api.example.com/users/${workflow.input.userId}", "method": "post",
                  "headers": {"X-Trace": "t"}, "accept": "application/json", "contentType": "application/json",
                  "body": {"name": "${workflow.input.name}"}, "connectionTimeOut": 3000, "readTimeOut": 3000}}}""")
                .kind();

        assertThat(fetch.participant()).isEqualTo(HttpStep.PARTICIPANT);
        assertThat(fetch.commandType()).isEqualTo(HttpStep.COMMAND);
        assertThat(fetch.input()).isEqualTo(JSON.readTree("""
                {"method": "POST", "url": "https://api.example.com/users/${workflow.input.userId}",
                 "headers": {"X-Trace": "t", "Accept": "application/json", "Content-Type": "application/json"},
                 "body": {"name": "${workflow.input.name}"}, "format": "conductor"}"""));
    }

    @Test
    void anHttpTaskMayGiveItsRequestAsItsInputParameters() {
        StepKind.Task fetch = (StepKind.Task) onlyStep("""
                {"name": "fetch", "taskReferenceName": "fetch", "type": "HTTP",
                 "inputParameters": {"uri": "http://localhost/x"}}""").kind();

        assertThat(fetch.input().get("method").textValue()).isEqualTo("GET");
        assertThat(fetch.input().get("url").textValue()).isEqualTo("http://localhost/x");
    }

    @Test
    void aJsonJqTransformTaskIsAJqStepWhoseInputIsEveryInputParameter() throws IOException {
        StepKind.Task transform = (StepKind.Task) onlyStep("""
                {"name": "merge", "taskReferenceName": "merge", "type": "JSON_JQ_TRANSFORM", "inputParameters": {
                  "key1": {"value1": ["a", "b"]}, "key2": "${workflow.input.key2}",
                  "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }"}}""").kind();

        assertThat(transform.participant()).isEqualTo(JqStep.PARTICIPANT);
        assertThat(transform.commandType()).isEqualTo(JqStep.COMMAND);
        assertThat(transform.input()).isEqualTo(JSON.readTree("""
                {"queryExpression": "{ key3: (.key1.value1 + .key2.value2) }",
                 "input": {"key1": {"value1": ["a", "b"]}, "key2": "${workflow.input.key2}",
                           "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }"}}"""));
        assertThat(transform.compensation()).isEmpty();
    }

    @Test
    void aJsonJqTransformTaskRetriesAndTimesOutAsItsTaskDefinitionSays() {
        StepKind.Task transform = (StepKind.Task) onlyStep("""
                {"name": "shape", "taskReferenceName": "shape", "type": "JSON_JQ_TRANSFORM",
                 "inputParameters": {"queryExpression": "."},
                 "taskDefinition": {"retryCount": 0, "responseTimeoutSeconds": 20, "timeoutSeconds": 60}}""").kind();

        assertThat(transform.retry().maxAttempts()).isEqualTo(1);
        assertThat(transform.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(transform.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aJqQuerySplicingInAReferenceIsLeftToTheExecutorToCompile() {
        StepKind.Task transform = (StepKind.Task) onlyStep("""
                {"name": "pick", "taskReferenceName": "pick", "type": "JSON_JQ_TRANSFORM",
                 "inputParameters": {"queryExpression": ".${workflow.input.field}", "a": 1}}""").kind();

        assertThat(transform.input().get(JqStep.QUERY).textValue()).isEqualTo(".${workflow.input.field}");
    }

    @Test
    void aKafkaPublishTaskIsAPublishStepOnSkaldsOwnCluster() throws IOException {
        assertThat(onlyStep("""
                {"name": "notify", "taskReferenceName": "notify", "type": "KAFKA_PUBLISH", "inputParameters": {
                  "kafka_request": {"topic": "user.events", "key": "${workflow.input.userId}",
                    "value": {"user": "${workflow.input.userId}"}, "headers": {"kind": "welcome"},
                    "bootStrapServers": "kafka:9092", "requestTimeoutMs": 100, "maxBlockMs": 500}}}""").kind())
                .isEqualTo(new StepKind.Publish("user.events", "${workflow.input.userId}",
                        JSON.readTree("{\"user\": \"${workflow.input.userId}\"}"), Map.of("kind", "welcome")));
    }

    @Test
    void anEventTaskWithAKafkaSinkPublishesConductorsPayloadKeyedByTheSaga() throws IOException {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "orders", "version": 3, "tasks": [
                  {"name": "announce", "taskReferenceName": "announce", "type": "EVENT", "sink": "kafka:order.events",
                   "inputParameters": {"orderId": "${workflow.input.orderId}", "correlationId": "overridden"}}]}""");
        assertThat(saga.steps().get(0).kind()).isEqualTo(new StepKind.Publish("order.events", "${workflow.workflowId}",
                JSON.readTree("""
                        {"orderId": "${workflow.input.orderId}", "correlationId": "${workflow.correlationId}",
                         "sink": "kafka:order.events", "workflowInstanceId": "${workflow.workflowId}",
                         "workflowType": "orders", "workflowVersion": 3}"""), Map.of()));
    }

    @Test
    void aWaitWithoutADurationAwaitsAnEventNamedAfterTheTaskReference() {
        assertThat(onlyStep("""
                {"name": "approval", "taskReferenceName": "manager_approval", "type": "WAIT"}""").kind())
                .isEqualTo(new StepKind.AwaitEvent("manager_approval", null, null));
    }

    @Test
    void aTerminateEndsTheSagaWithItsStatusOutputAndReason() throws IOException {
        assertThat(onlyStep("""
                {"name": "stop", "taskReferenceName": "stop", "type": "TERMINATE", "inputParameters": {
                  "terminationStatus": "FAILED", "terminationReason": "no stock",
                  "workflowOutput": {"reason": "${workflow.input.sku}"}}}""").kind())
                .isEqualTo(new StepKind.Terminate(StepKind.Terminate.Outcome.FAILED,
                        JSON.readTree("{\"reason\": \"${workflow.input.sku}\"}"), "no stock"));
        assertThat(onlyStep("""
                {"name": "stop", "taskReferenceName": "stop", "type": "TERMINATE",
                 "inputParameters": {"terminationStatus": "COMPLETED"}}""").kind())
                .isEqualTo(new StepKind.Terminate(StepKind.Terminate.Outcome.COMPLETED, null, null));
    }

    @Test
    void aSubWorkflowRunsTheChildSagaWithTheTaskInput() throws IOException {
        assertThat(onlyStep("""
                {"name": "ship", "taskReferenceName": "ship", "type": "SUB_WORKFLOW",
                 "subWorkflowParam": {"name": "shipping", "version": 2},
                 "inputParameters": {"order": "${workflow.input.orderId}"}}""").kind())
                .isEqualTo(new StepKind.SubSaga("shipping", 2, JSON.readTree("{\"order\": \"${workflow.input.orderId}\"}"),
                        null, null));
        assertThat(onlyStep("""
                {"name": "ship", "taskReferenceName": "ship", "type": "SUB_WORKFLOW", "subWorkflowParam": {"name": "shipping"}}""")
                .kind()).isEqualTo(new StepKind.SubSaga("shipping", null, null, null, null));
    }

    @Test
    void anOptionalTaskIsAnOptionalStep() {
        assertThat(onlyStep("""
                {"name": "notify", "taskReferenceName": "notify", "optional": true}""").optional()).isTrue();
    }

    @Test
    void aTaskWithoutATypeIsSimple() {
        assertThat(onlyStep("{\"name\": \"notify\", \"taskReferenceName\": \"notify\"}").kind())
                .isInstanceOf(StepKind.Task.class);
    }

    @Test
    void theWorkflowTimeoutAndOutputParametersBecomeTheSagaTimeoutAndOutput() throws IOException {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "order", "version": 3, "timeoutSeconds": 3600,
                 "outputParameters": {"charged": "${charge.output.amount}"},
                 "tasks": [{"name": "charge", "taskReferenceName": "charge"}]}""");

        assertThat(saga.version()).isEqualTo(3);
        assertThat(saga.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(saga.output()).isEqualTo(JSON.readTree("{\"charged\": \"${charge.output.amount}\"}"));
    }

    @Test
    void aWorkflowWithoutVersionOrTimeoutIsVersionOneWithoutLimit() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "order", "timeoutSeconds": 0, "tasks": [{"name": "charge", "taskReferenceName": "charge"}]}""");

        assertThat(saga.version()).isEqualTo(1);
        assertThat(saga.timeout()).isNull();
    }

    @Test
    void harmlessMetadataAndFieldsHoldingTheirDefaultsAreIgnored() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"createTime": 1700000000000, "updateTime": 1700000000001, "createdBy": "ops", "updatedBy": "ops",
                 "name": "exported", "description": "as GET /metadata/workflow returns it", "version": 1,
                 "tasks": [{"name": "charge", "taskReferenceName": "charge", "description": "charges the card",
                   "inputParameters": {}, "type": "SIMPLE", "decisionCases": {}, "defaultCase": [], "forkTasks": [],
                   "startDelay": 0, "joinOn": [], "optional": false, "defaultExclusiveJoinTask": [],
                   "asyncComplete": false, "loopOver": [], "onStateChange": {}, "permissive": false,
                   "caseValueParam": null, "evaluatorType": null, "expression": null, "sink": null}],
                 "inputParameters": ["orderId"], "outputParameters": {}, "failureWorkflow": "", "schemaVersion": 2,
                 "restartable": true, "workflowStatusListenerEnabled": false, "ownerEmail": "ops@example.com",
                 "timeoutPolicy": "TIME_OUT_WF", "timeoutSeconds": 0, "variables": {}, "inputTemplate": {}, "tags": []}""");

        assertThat(saga.steps()).extracting(StepDefinition::id).containsExactly("charge");
    }

    private static StepDefinition onlyStep(String task) {
        SagaDefinition saga = ConductorWorkflows.fromJson("{\"name\": \"one\", \"tasks\": [" + task + "]}");
        assertThat(saga.steps()).hasSize(1);
        return saga.steps().get(0);
    }
}
