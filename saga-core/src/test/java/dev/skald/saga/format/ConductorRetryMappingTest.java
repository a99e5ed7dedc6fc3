package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conductor task definitions become the retry policy and timeouts of task steps. */
class ConductorRetryMappingTest {

    @Test
    void withoutATaskDefinitionConductorsDefaultsApply() {
        StepKind.Task task = taskWithInlineDefinition(null);

        assertThat(task.retry()).isEqualTo(new RetryPolicy(4, Backoff.FIXED, seconds(60), 1.0, seconds(60), 0.0));
        assertThat(task.responseTimeout()).isEqualTo(seconds(3600));
        assertThat(task.timeout()).isNull();
    }

    @Test
    void fixedRetryWaitsTheSameDelayBeforeEveryAttempt() {
        StepKind.Task task = taskWithInlineDefinition("""
                {"retryCount": 2, "retryLogic": "FIXED", "retryDelaySeconds": 5}""");

        assertThat(task.retry()).isEqualTo(new RetryPolicy(3, Backoff.FIXED, seconds(5), 1.0, seconds(5), 0.0));
        assertThat(task.retry().delayAfter(1, 0)).isEqualTo(seconds(5));
        assertThat(task.retry().delayAfter(2, 0)).isEqualTo(seconds(5));
    }

    @Test
    void exponentialBackoffDoublesTheDelayAsConductorDoes() {
        StepKind.Task task = taskWithInlineDefinition("""
                {"retryCount": 4, "retryLogic": "EXPONENTIAL_BACKOFF", "retryDelaySeconds": 10}""");

        assertThat(task.retry()).isEqualTo(new RetryPolicy(5, Backoff.EXPONENTIAL, seconds(10), 2.0, seconds(80), 0.0));
        assertThat(task.retry().delayAfter(1, 0)).isEqualTo(seconds(10));
        assertThat(task.retry().delayAfter(4, 0)).isEqualTo(seconds(80));
    }

    @Test
    void linearBackoffGrowsByTheScaleFactor() {
        StepKind.Task task = taskWithInlineDefinition("""
                {"retryCount": 3, "retryLogic": "LINEAR_BACKOFF", "retryDelaySeconds": 10, "backoffScaleFactor": 2}""");

        assertThat(task.retry()).isEqualTo(new RetryPolicy(4, Backoff.LINEAR, seconds(10), 2.0, seconds(60), 0.0));
        assertThat(task.retry().delayAfter(1, 0)).isEqualTo(seconds(20));
        assertThat(task.retry().delayAfter(3, 0)).isEqualTo(seconds(60));
    }

    @Test
    void maxRetryDelaySecondsCapsTheDelay() {
        StepKind.Task task = taskWithInlineDefinition("""
                {"retryCount": 10, "retryLogic": "EXPONENTIAL_BACKOFF", "retryDelaySeconds": 1,
                 "maxRetryDelaySeconds": 30}""");

        assertThat(task.retry().maxDelay()).isEqualTo(seconds(30));
        assertThat(task.retry().delayAfter(10, 0)).isEqualTo(seconds(30));
    }

    @Test
    void noRetriesMeansASingleAttempt() {
        assertThat(taskWithInlineDefinition("{\"retryCount\": 0}").retry().maxAttempts()).isEqualTo(1);
    }

    @Test
    void timeoutsComeFromTheTaskDefinitionAndZeroMeansNoLimit() {
        StepKind.Task limited = taskWithInlineDefinition("{\"timeoutSeconds\": 600, \"responseTimeoutSeconds\": 30}");
        StepKind.Task unlimited = taskWithInlineDefinition("{\"timeoutSeconds\": 0, \"responseTimeoutSeconds\": 0}");

        assertThat(limited.timeout()).isEqualTo(seconds(600));
        assertThat(limited.responseTimeout()).isEqualTo(seconds(30));
        assertThat(unlimited.timeout()).isNull();
        assertThat(unlimited.responseTimeout()).isNull();
    }

    @Test
    void registeredTaskDefinitionsApplyByTaskName() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [{"name": "charge", "taskReferenceName": "charge"}]}""",
                Map.of("charge", json("{\"name\": \"charge\", \"retryCount\": 1, \"retryDelaySeconds\": 2,"
                        + " \"ownerEmail\": \"ops@example.com\", \"timeoutPolicy\": \"TIME_OUT_WF\"}")));

        assertThat(((StepKind.Task) saga.steps().get(0).kind()).retry())
                .isEqualTo(new RetryPolicy(2, Backoff.FIXED, seconds(2), 1.0, seconds(2), 0.0));
    }

    @Test
    void anInlineTaskDefinitionComesBeforeTheRegisteredOne() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [{"name": "charge", "taskReferenceName": "charge",
                  "taskDefinition": {"retryCount": 5}}]}""",
                Map.of("charge", json("{\"retryCount\": 1}")));

        assertThat(((StepKind.Task) saga.steps().get(0).kind()).retry().maxAttempts()).isEqualTo(6);
    }

    @Test
    void theTasksOwnRetryCountOverridesTheTaskDefinitions() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [{"name": "charge", "taskReferenceName": "charge", "retryCount": 0}]}""",
                Map.of("charge", json("{\"retryCount\": 7}")));

        assertThat(((StepKind.Task) saga.steps().get(0).kind()).retry().maxAttempts()).isEqualTo(1);
    }

    private static StepKind.Task taskWithInlineDefinition(String definition) {
        String inline = definition == null ? "" : ", \"taskDefinition\": " + definition;
        SagaDefinition saga = ConductorWorkflows.fromJson(
                "{\"name\": \"w\", \"tasks\": [{\"name\": \"charge\", \"taskReferenceName\": \"charge\"" + inline + "}]}");
        return (StepKind.Task) saga.steps().get(0).kind();
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static JsonNode json(String text) {
        try {
            return new JsonMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
