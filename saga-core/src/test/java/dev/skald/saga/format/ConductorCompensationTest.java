package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.HttpStep;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Skald's {@code compensation} extension to Conductor's SIMPLE and HTTP tasks. */
class ConductorCompensationTest {
    private static final String ORDER = """
            {"name": "order", "version": 1, "tasks": [
              {"name": "reserve_stock", "taskReferenceName": "reserve",
               "inputParameters": {"sku": "${workflow.input.sku}"},
               "compensation": {"name": "release_stock",
                 "inputParameters": {"reservation": "${reserve.output.reservationId}"}}},
              {"name": "charge", "taskReferenceName": "charge", "type": "HTTP",
               "inputParameters": {"http_request": {"uri": "http://pay/charges", "method": "POST"}},
               "compensation": {"type": "HTTP", "inputParameters": {"http_request": {
                 "uri": "http://pay/charges/${charge.output.response.body.id}", "method": "DELETE"}}}},
              {"name": "ship", "taskReferenceName": "ship"}]}""";

    private static final Map<String, JsonNode> TASK_DEFS = Map.of("release_stock", parse("""
            {"name": "release_stock", "retryCount": 5, "retryDelaySeconds": 1, "responseTimeoutSeconds": 30}"""));

    @Test
    void aSimpleCompensationIsACommandOfItsNameWithTheSettingsOfItsTaskDefinition() {
        SagaDefinition order = ConductorWorkflows.fromJson(ORDER, TASK_DEFS);

        Compensation release = order.step("reserve").orElseThrow().kind().compensation().orElseThrow();
        assertThat(release.participant()).isEqualTo("release_stock");
        assertThat(release.commandType()).isEqualTo("release_stock");
        assertThat(release.input().get("reservation").textValue()).isEqualTo("${reserve.output.reservationId}");
        assertThat(release.retry().maxAttempts()).isEqualTo(6);
        assertThat(release.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anHttpCompensationIsAnHttpRequest() {
        Compensation refund = ConductorWorkflows.fromJson(ORDER, TASK_DEFS).step("charge").orElseThrow().kind()
                .compensation().orElseThrow();

        assertThat(refund.participant()).isEqualTo(HttpStep.PARTICIPANT);
        assertThat(refund.input().get(HttpStep.METHOD).textValue()).isEqualTo("DELETE");
        assertThat(refund.input().get(HttpStep.URL).textValue())
                .isEqualTo("http://pay/charges/${charge.output.response.body.id}");
    }

    @Test
    void aWorkflowWithCompensationsCompensatesAndOneWithoutFails() {
        assertThat(ConductorWorkflows.fromJson(ORDER, TASK_DEFS).failurePolicy()).isEqualTo(FailurePolicy.COMPENSATE);
        assertThat(ConductorWorkflows.fromJson("""
                {"name": "plain", "tasks": [{"name": "a", "taskReferenceName": "a"}]}""").failurePolicy())
                .isEqualTo(FailurePolicy.FAIL);
    }

    @Test
    void aFailedTaskUndoesTheCompletedOnesInReverse() {
        SagaScenario.given(ConductorWorkflows.fromJson(ORDER, TASK_DEFS))
                .started("o-1", Map.of("sku", "book"))
                .expectCommand("reserve_stock", "reserve_stock", Map.of("sku", "book"))
                .when().step("reserve").succeeds(Map.of("reservationId", "r-7"))
                .expectCommand(HttpStep.PARTICIPANT, HttpStep.COMMAND)
                .when().step("charge").succeeds(Map.of("response", Map.of("body", Map.of("id", "c-3"))))
                .expectCommand("ship", "ship")
                .when().step("ship").failsWith("no courier")
                .expectStatus(SagaStatus.COMPENSATING)
                .when().compensationOf("charge").succeeds()
                .expectCommand("release_stock", "release_stock", Map.of("reservation", "r-7"))
                .when().compensationOf("reserve").succeeds()
                .expectStatus(SagaStatus.COMPENSATED);
    }

    @Test
    void aCompensationOnAnotherTaskTypeOrOfAnUnknownKindIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "bad", "tasks": [
                  {"name": "w", "taskReferenceName": "w", "type": "WAIT", "inputParameters": {"duration": "1s"},
                   "compensation": {"name": "x"}},
                  {"name": "a", "taskReferenceName": "a", "compensation": {"type": "WAIT"}},
                  {"name": "b", "taskReferenceName": "b", "compensation": {"nmae": "undo_b"}}]}""")))
                .containsExactlyInAnyOrder(
                        problem("tasks[0](w).compensation", "'compensation' of a Conductor WAIT task is not"
                                + " supported by Skald"),
                        problem("tasks[1](a).compensation.type", "a compensation is a SIMPLE or an HTTP task, was WAIT"),
                        problem("tasks[2](b).compensation.name", "missing required field 'name'"),
                        problem("tasks[2](b).compensation.nmae", "unknown field 'nmae' in the compensation of a"
                                + " Conductor task (Skald's extension); expected one of type, name, inputParameters,"
                                + " retryCount, taskDefinition"));
    }

    private static JsonNode parse(String json) {
        try {
            return new JsonMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
