package dev.skald.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SagaBuilderTest {

    @Test
    void stepsAreSequentialUnlessTheySayOtherwise() {
        SagaDefinition definition = Saga.named("s").version(2)
                .step("a").call("pa", "A")
                .step("b").call("pb", "B")
                .step("c").call("pc", "C").dependsOn()
                .step("d").call("pd", "D").dependsOn("b", "c")
                .build();

        assertThat(definition.steps()).extracting(StepDefinition::dependsOn)
                .containsExactly(List.of(), List.of("a"), List.of(), List.of("b", "c"));
        assertThat(definition.version()).isEqualTo(2);
    }

    @Test
    void buildsAMapStepWithItsOptionsAndElementCompensation() {
        SagaDefinition definition = Saga.named("price-lines").version(1)
                .step("reserve").call("inventory", "ReserveStock")
                .step("lines").forEach("${input.lines}").call("pricing", "PriceLine")
                    .input(Map.of("sku", "${item.sku}", "position", "${index}"))
                    .concurrency(5)
                    .retry(RetryPolicy.fixed(3, Duration.ofSeconds(1)))
                    .responseTimeout(Duration.ofSeconds(30))
                    .timeout(Duration.ofMinutes(10))
                    .compensateWith("pricing", "ReleasePrice").input(Map.of("sku", "${item.sku}"))
                .build();

        StepDefinition lines = definition.steps().get(1);
        assertThat(lines.dependsOn()).containsExactly("reserve");
        assertThat(lines.kind()).isEqualTo(new StepKind.ForEach("${input.lines}", 5, "pricing", "PriceLine",
                dev.skald.saga.json.Json.tree(Map.of("sku", "${item.sku}", "position", "${index}")),
                RetryPolicy.fixed(3, Duration.ofSeconds(1)), Duration.ofSeconds(30), Duration.ofMinutes(10),
                new Compensation("pricing", "ReleasePrice", dev.skald.saga.json.Json.tree(Map.of("sku", "${item.sku}")),
                        null, null)));
    }

    @Test
    void aMapStepIsValidatedLikeADocumentsMapStep() {
        Saga.Steps tooWide = Saga.named("wide").version(1)
                .step("lines").forEach("${input.lines}").call("pricing", "PriceLine").concurrency(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(tooWide::build)
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("concurrency");
    }

    @Test
    void buildsEveryKindOfStepWithItsOptions() {
        SagaDefinition definition = Saga.named("all").version(1)
                .step("reserve").call("inventory", "Reserve")
                    .input(Map.of("sku", "${input.sku}"))
                    .retry(RetryPolicy.fixed(4, Duration.ofSeconds(2)))
                    .responseTimeout(Duration.ofSeconds(10))
                    .timeout(Duration.ofMinutes(1))
                    .when("${input.qty} > 0")
                    .compensateWith("inventory", "Release")
                        .input(Map.of("id", "${reserve.output.id}"))
                        .retry(RetryPolicy.NONE)
                        .responseTimeout(Duration.ofSeconds(3))
                .step("cool").waitFor(Duration.ofMinutes(5))
                .step("paid").awaitEvent("Paid").correlatedBy("${input.orderId}").timeout(Duration.ofHours(1))
                .step("child").subSaga("shipping").version(3).input(Map.of("o", "${input.orderId}"))
                    .timeout(Duration.ofHours(2)).pivot()
                .step("stop").terminate(StepKind.Terminate.Outcome.FAILED).reason("done").optional()
                .sagaTimeout(Duration.ofDays(1))
                .onFailure(FailurePolicy.FAIL)
                .output(Map.of("child", "${child.output}"))
                .build();

        StepKind.Task reserve = (StepKind.Task) definition.step("reserve").orElseThrow().kind();
        assertThat(reserve.retry().maxAttempts()).isEqualTo(4);
        assertThat(reserve.undo().retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(reserve.undo().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(definition.step("reserve").orElseThrow().when()).isEqualTo("${input.qty} > 0");
        assertThat(definition.step("paid").orElseThrow().kind())
                .isEqualTo(new StepKind.AwaitEvent("Paid", "${input.orderId}", Duration.ofHours(1)));
        assertThat(definition.pivot()).map(StepDefinition::id).hasValue("child");
        assertThat(definition.step("stop").orElseThrow().optional()).isTrue();
        assertThat(definition.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
        assertThat(definition.timeout()).isEqualTo(Duration.ofDays(1));
    }

    /** The example of docs/definitions.md, section "Java builder"; keep the two equal. */
    @Test
    void theDocumentedExampleBuilds() {
        SagaDefinition order = Saga.named("order").version(1)
            .step("reserve").call("inventory", "ReserveStock")
                .input(Map.of("sku", "${input.sku}", "qty", "${input.qty}"))
                .retry(RetryPolicy.exponential(5, Duration.ofMillis(200), Duration.ofSeconds(10)))
                .responseTimeout(Duration.ofSeconds(30))
                .compensateWith("inventory", "ReleaseStock")
                    .input(Map.of("reservationId", "${reserve.output.reservationId}"))
            .step("charge").call("payment", "Charge")
                .input(Map.of("amount", "${input.total}"))
                .compensateWith("payment", "Refund")
            .step("fraud").call("fraud", "Check").dependsOn("reserve")
                .when("${input.total} > 100").optional()
            .step("ship").call("shipping", "CreateShipment").dependsOn("charge", "fraud").pivot()
            .step("paid").awaitEvent("PaymentSettled").correlatedBy("${input.orderId}").timeout(Duration.ofDays(1))
            .step("cool").waitFor(Duration.ofMinutes(10))
            .step("label").subSaga("labels").version(2).input(Map.of("order", "${input.orderId}"))
            .sagaTimeout(Duration.ofHours(2))
            .onFailure(FailurePolicy.COMPENSATE)
            .output(Map.of("tracking", "${ship.output.trackingId}"))
            .build();

        assertThat(order.steps()).hasSize(7);
        assertThat(order.step("fraud").orElseThrow().dependsOn()).containsExactly("reserve");
    }
}
