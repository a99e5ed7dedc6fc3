package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.testing.SagaScenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publish steps: the document, and the record the machine sends when the step's turn comes. */
class PublishStepTest {
    private static final String ORDER = """
            {"name": "order", "version": 1, "steps": [
              {"id": "reserve", "participant": "inventory", "command": "Reserve"},
              {"id": "announce", "type": "publish", "topic": "orders.events", "key": "${input.orderId}",
               "value": {"type": "OrderReserved", "order": "${input.orderId}", "reservation": "${reserve.output.id}"},
               "headers": {"event-type": "OrderReserved", "tenant": "${input.tenant}"}},
              {"id": "ship", "participant": "shipping", "command": "Ship"}]}""";

    @Test
    void aPublishStepReadsWritesAndReadsBackEqual() {
        SagaDefinition definition = SagaDocuments.fromJson(ORDER);

        StepKind.Publish announce = (StepKind.Publish) definition.step("announce").orElseThrow().kind();
        assertThat(announce.topic()).isEqualTo("orders.events");
        assertThat(announce.key()).isEqualTo("${input.orderId}");
        assertThat(announce.headers()).containsEntry("tenant", "${input.tenant}");
        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(definition))).isEqualTo(definition);
    }

    @Test
    void theRecordIsResolvedWhenTheStepStartsAndTheStepCompletesAtOnce() {
        SagaScenario scenario = SagaScenario.given(SagaDocuments.fromJson(ORDER))
                .started("o-1", Map.of("orderId", "o-1", "tenant", "acme"))
                .expectCommand("inventory", "Reserve")
                .when().step("reserve").succeeds(Map.of("id", "r-9"))
                .expectPublished("orders.events", "o-1",
                        Map.of("type", "OrderReserved", "order", "o-1", "reservation", "r-9"))
                .expectCommand("shipping", "Ship")
                .expectStep("announce", StepStatus.COMPLETED);

        Command.Publish published = scenario.lastCommands().stream().filter(Command.Publish.class::isInstance)
                .map(Command.Publish.class::cast).findFirst().orElseThrow();
        assertThat(published.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("event-type", "OrderReserved", "tenant", "acme"));
        assertThat(published.commandId()).isEqualTo("o-1:announce:1:action");
        scenario.when().step("ship").succeeds().expectStatus(SagaStatus.COMPLETED);
    }

    @Test
    void aHeaderThatResolvesToNullIsLeftOutAndAMissingKeyIsNoKey() {
        SagaScenario scenario = SagaScenario.given(SagaDocuments.fromJson("""
                {"name": "n", "version": 1, "steps": [{"id": "p", "type": "publish", "topic": "t",
                  "value": "${input}", "headers": {"h": "${input.missing}"}}]}"""))
                .started("n-1", Map.of("a", 1))
                .expectPublished("t", null, Map.of("a", 1))
                .expectStatus(SagaStatus.COMPLETED);

        Command.Publish published = (Command.Publish) scenario.lastCommands().get(0);
        assertThat(published.headers()).isEmpty();
    }

    @Test
    void aTopicKafkaWouldRefuseAndMissingFieldsAreReported() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "n", "version": 1, "steps": [{"id": "p", "type": "publish", "topic": "bad topic!",
                  "headers": {"h": 1}}]}"""))).containsExactlyInAnyOrder(
                problem("steps[p].value", "missing required field 'value'"),
                problem("steps[p].headers.h", "a header's value must be a string, was a number (1)"),
                problem("steps[p].topic", "'bad topic!' is not a valid topic (letters, digits, '.', '_' and '-',"
                        + " not '.' or '..', as Kafka allows)"));
    }
}
