package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.resource;
import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SagaDocumentsTest {
    private static final JsonMapper JSON = new JsonMapper();
    private static final String YAML_SAGA = text("definitions/pause.yaml");

    @Test
    void readsEveryFieldOfTheOrderExample() throws IOException {
        SagaDefinition order = SagaDocuments.read(resource("definitions/order.json"));

        assertThat(order.name()).isEqualTo("order");
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(order.failurePolicy()).isEqualTo(FailurePolicy.COMPENSATE);
        assertThat(order.output()).isEqualTo(JSON.readTree("""
                {"reservation": "${reserve.output.reservationId}", "charged": "${charge.output.amount}",
                 "tracking": "${ship.output.trackingNumber}"}"""));
        assertThat(order.steps()).extracting(StepDefinition::id)
                .containsExactly("reserve", "out_of_stock", "charge", "cool_off", "confirmed", "ship", "notify");
        assertThat(order.pivot()).map(StepDefinition::id).contains("ship");
    }

    @Test
    void readsATaskWithItsRetryTimeoutsConditionAndCompensation() throws IOException {
        StepDefinition reserve = SagaDocuments.read(resource("definitions/order.json")).step("reserve").orElseThrow();

        assertThat(reserve.when()).isEqualTo("${input.qty} > 0");
        assertThat(reserve.dependsOn()).isEmpty();
        assertThat(reserve.kind()).isEqualTo(new StepKind.Task("inventory", "ReserveStock",
                JSON.readTree("{\"sku\": \"${input.sku}\", \"quantity\": \"${input.qty}\"}"),
                new RetryPolicy(3, Backoff.EXPONENTIAL, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.1),
                Duration.ofSeconds(30), Duration.ofMinutes(5),
                new Compensation("inventory", "ReleaseStock",
                        JSON.readTree("{\"reservationId\": \"${reserve.output.reservationId}\"}"),
                        new RetryPolicy(10, Backoff.FIXED, Duration.ofSeconds(5), 2.0, Duration.ofSeconds(5), 0.0),
                        Duration.ofSeconds(30))));
    }

    @Test
    void readsWaitEventSubSagaAndTerminateSteps() throws IOException {
        SagaDefinition order = SagaDocuments.read(resource("definitions/order.json"));

        assertThat(order.step("cool_off").orElseThrow().kind()).isEqualTo(new StepKind.Wait(Duration.ofMinutes(10)));
        assertThat(order.step("confirmed").orElseThrow().kind())
                .isEqualTo(new StepKind.AwaitEvent("WarehouseConfirmed", "${input.orderId}", Duration.ofDays(1)));
        assertThat(order.step("ship").orElseThrow().kind()).isEqualTo(new StepKind.SubSaga("shipping", 2,
                JSON.readTree("{\"orderId\": \"${input.orderId}\", \"address\": \"${input.address}\"}"),
                Duration.ofHours(2), null));
        assertThat(order.step("out_of_stock").orElseThrow().kind())
                .isEqualTo(new StepKind.Terminate(StepKind.Terminate.Outcome.FAILED, null, "out of stock"));
    }

    @Test
    void stepsWithoutDependsOnFollowThePreviousStep() throws IOException {
        SagaDefinition order = SagaDocuments.read(resource("definitions/order.json"));

        assertThat(order.steps()).extracting(StepDefinition::dependsOn).containsExactly(List.of(),
                List.of("reserve"), List.of("out_of_stock"), List.of("charge"),
                List.of("cool_off"), List.of("confirmed"), List.of("ship"));
    }

    @Test
    void anExplicitDependsOnMeansExactlyThoseStepsAndAnEmptyOneMeansNone() throws IOException {
        SagaDefinition trip = SagaDocuments.read(resource("definitions/trip.yaml"));

        assertThat(trip.step("hotel").orElseThrow().dependsOn()).isEmpty();
        assertThat(trip.step("car").orElseThrow().dependsOn()).isEmpty();
        assertThat(trip.step("itinerary").orElseThrow().dependsOn()).containsExactly("flight", "hotel", "car");
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() {
        SagaDefinition greeting = SagaDocuments.fromJson(text("definitions/greeting.json"));

        StepDefinition greet = greeting.steps().get(0);
        assertThat(greeting.timeout()).isNull();
        assertThat(greeting.failurePolicy()).isEqualTo(FailurePolicy.COMPENSATE);
        assertThat(greeting.output()).isNull();
        assertThat(greet.optional()).isFalse();
        assertThat(greet.pivot()).isFalse();
        assertThat(greet.when()).isNull();
        StepKind.Task task = (StepKind.Task) greet.kind();
        assertThat(task.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(task.responseTimeout()).isNull();
        assertThat(task.timeout()).isNull();
        assertThat(task.undo()).isNull();
    }

    @Test
    void retryFieldsLeftOutTakeTheDefaultPolicyOfStepsAndOfCompensations() {
        SagaDefinition saga = SagaDocuments.fromJson(text("definitions/retry-defaults.json"));

        StepKind.Task task = (StepKind.Task) saga.steps().get(0).kind();
        assertThat(task.retry()).isEqualTo(new RetryPolicy(7, RetryPolicy.DEFAULT.backoff(),
                RetryPolicy.DEFAULT.initialDelay(), RetryPolicy.DEFAULT.multiplier(), RetryPolicy.DEFAULT.maxDelay(), 0.0));
        assertThat(task.undo().retry()).isEqualTo(RetryPolicy.DEFAULT_COMPENSATION.withJitter(0.5));
    }

    @Test
    void aCompensationWithoutRetryTakesTheCompensationDefault() throws IOException {
        StepDefinition charge = SagaDocuments.read(resource("definitions/order.json")).step("charge").orElseThrow();

        assertThat(charge.compensation()).map(Compensation::retry).contains(RetryPolicy.DEFAULT_COMPENSATION);
    }

    @Test
    void enumValuesAreReadInAnyCase() {
        SagaDefinition saga = SagaDocuments.fromJson(text("definitions/any-case.json"));

        assertThat(saga.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
        assertThat(((StepKind.Task) saga.steps().get(0).kind()).retry().backoff()).isEqualTo(Backoff.LINEAR);
        assertThat(((StepKind.Terminate) saga.steps().get(1).kind()).outcome())
                .isEqualTo(StepKind.Terminate.Outcome.COMPLETED);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT30S, PT30S", "P1DT2H, PT26H",
        "pt1m, PT1M"})
    void durationsTakeAUnitOrIso8601(String written, Duration expected) {
        SagaDefinition saga = SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "w", "type": "wait", "duration": "%s"}]}"""
                .formatted(written));

        assertThat(saga.steps().get(0).kind()).isEqualTo(new StepKind.Wait(expected));
    }

    @Test
    void yamlAndJsonOfTheSameSagaGiveEqualDefinitions() throws IOException {
        assertThat(SagaDocuments.read(resource("definitions/order.yaml")))
                .isEqualTo(SagaDocuments.read(resource("definitions/order.json")));
    }

    @Test
    void decimalNumbersInMappingsStayExact() {
        SagaDefinition saga = SagaDocuments.fromJson(text("definitions/exact-amount.json"));

        assertThat(((StepKind.Task) saga.steps().get(0).kind()).input().get("amount").decimalValue())
                .isEqualByComparingTo("12345678901234567.89");
    }

    @Test
    void aSchemaReferenceForEditorsIsAllowed() {
        SagaDefinition saga = SagaDocuments.fromJson(text("definitions/with-schema.json"));

        assertThat(saga.name()).isEqualTo("with-schema");
    }

    @ParameterizedTest
    @ValueSource(strings = {"saga.yaml", "saga.yml", "SAGA.YAML"})
    void readTakesYamlFilesByTheirExtension(String fileName, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(fileName), YAML_SAGA);

        assertThat(SagaDocuments.read(file).steps()).hasSize(1);
    }

    @Test
    void readTakesJsonFilesAsJson(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("saga.json"), SagaDocuments.toJson(SagaDocuments.fromYaml(YAML_SAGA)));
        Path yamlInJson = Files.writeString(dir.resolve("yaml.json"), YAML_SAGA);

        assertThat(SagaDocuments.read(json)).isEqualTo(SagaDocuments.fromYaml(YAML_SAGA));
        assertThat(FormatTesting.problemsOf(() -> SagaDocuments.read(yamlInJson)))
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("malformed JSON at line 1, column"));
    }

    @Test
    void readRefusesAFileWithAnotherExtension(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("saga.txt"), "{}");

        assertThatThrownBy(() -> SagaDocuments.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end in .json, .yaml or .yml");
    }
}
