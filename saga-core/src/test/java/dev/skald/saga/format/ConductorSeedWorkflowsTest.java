package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Conductor workflows of the seed documents load unchanged (copied verbatim into test resources). */
class ConductorSeedWorkflowsTest {
    /** Conductor's defaults: 3 retries 60 s apart, a response timeout of an hour. */
    private static final RetryPolicy CONDUCTOR_DEFAULT_RETRY =
            new RetryPolicy(4, Backoff.FIXED, Duration.ofSeconds(60), 1.0, Duration.ofSeconds(60), 0.0);

    @Test
    void userOnboardingRunsItsThreeTasksOneAfterAnother() {
        SagaDefinition saga = ConductorWorkflows.fromJson(text("seeds/user_onboarding_workflow.json"));

        assertThat(saga.name()).isEqualTo("user_onboarding_workflow");
        assertThat(saga.version()).isEqualTo(1);
        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::dependsOn).containsExactly(
                tuple("create_user", List.of()),
                tuple("verify_email", List.of("create_user")),
                tuple("notification_setup", List.of("verify_email")));
        assertThat(saga.steps()).extracting(s -> ((StepKind.Task) s.kind()).participant(),
                s -> ((StepKind.Task) s.kind()).commandType()).containsExactly(
                tuple("create_user_account", "create_user_account"),
                tuple("send_verification_email", "send_verification_email"),
                tuple("setup_notification_preferences", "setup_notification_preferences"));
    }

    @Test
    void storeOnboardingRunsItsFourTasksOneAfterAnother() {
        SagaDefinition saga = ConductorWorkflows.fromJson(text("seeds/store_onboarding_workflow.json"));

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::dependsOn).containsExactly(
                tuple("verify_docs", List.of()),
                tuple("create_store", List.of("verify_docs")),
                tuple("payment_setup", List.of("create_store")),
                tuple("init_inventory", List.of("payment_setup")));
        assertThat(saga.steps()).extracting(s -> ((StepKind.Task) s.kind()).participant()).containsExactly(
                "verify_business_documents", "create_store_profile", "setup_payment_processing", "initialize_inventory");
    }

    @Test
    void orderProcessingRunsItsFourTasksOneAfterAnother() {
        SagaDefinition saga = ConductorWorkflows.fromJson(text("seeds/order_processing_workflow.json"));

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::dependsOn).containsExactly(
                tuple("validate", List.of()),
                tuple("payment", List.of("validate")),
                tuple("tracking_init", List.of("payment")),
                tuple("store_notification", List.of("tracking_init")));
        assertThat(saga.steps()).extracting(s -> ((StepKind.Task) s.kind()).commandType()).containsExactly(
                "validate_order", "process_payment", "initialize_order_tracking", "notify_store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_onboarding_workflow", "store_onboarding_workflow", "order_processing_workflow"})
    void everyTaskKeepsItsInputParametersAsTheStepInput(String seed) throws IOException {
        JsonNode workflow = new JsonMapper().readTree(text("seeds/" + seed + ".json"));
        SagaDefinition saga = ConductorWorkflows.fromJson(text("seeds/" + seed + ".json"));

        for (JsonNode task : workflow.get("tasks")) {
            StepKind.Task step = (StepKind.Task) saga.step(task.get("taskReferenceName").asText()).orElseThrow().kind();
            assertThat(step.input()).isEqualTo(task.get("inputParameters"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_onboarding_workflow", "store_onboarding_workflow", "order_processing_workflow"})
    void tasksWithoutTaskDefinitionsTakeConductorsDefaultsAndTheSagaFailsWithoutCompensating(String seed) {
        SagaDefinition saga = ConductorWorkflows.fromJson(text("seeds/" + seed + ".json"));

        assertThat(saga.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
        assertThat(saga.timeout()).isNull();
        assertThat(saga.output()).isNull();
        assertThat(saga.steps()).allSatisfy(step -> {
            assertThat(step.when()).isNull();
            assertThat(step.optional()).isFalse();
            StepKind.Task task = (StepKind.Task) step.kind();
            assertThat(task.retry()).isEqualTo(CONDUCTOR_DEFAULT_RETRY);
            assertThat(task.responseTimeout()).isEqualTo(Duration.ofHours(1));
            assertThat(task.timeout()).isNull();
            assertThat(task.undo()).isNull();
        });
    }
}
