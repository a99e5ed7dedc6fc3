package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.resource;
import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SagaDocumentsRoundTripTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest
    @MethodSource("dev.skald.saga.format.FormatTesting#exampleDocuments")
    void everyExampleDocumentSurvivesARoundTripThroughJson(Path example) throws IOException {
        SagaDefinition read = SagaDocuments.read(example);

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(read))).isEqualTo(read);
    }

    @Test
    void writingLeavesOutEveryDefault() throws IOException {
        SagaDefinition greeting = SagaDocuments.fromJson(text("definitions/greeting.json"));

        assertThat(new JsonMapper().readTree(SagaDocuments.toJson(greeting)))
                .isEqualTo(new JsonMapper().readTree(text("definitions/greeting.json")));
    }

    @Test
    void writingIsPrettyPrintedWithTwoSpaces() {
        SagaDefinition greeting = SagaDocuments.fromJson(text("definitions/greeting.json"));

        assertThat(SagaDocuments.toJson(greeting)).isEqualTo("""
                {
                  "name": "greeting",
                  "version": 1,
                  "steps": [
                    {
                      "id": "greet",
                      "participant": "greeter",
                      "command": "SayHello",
                      "input": {
                        "name": "${input.name}"
                      }
                    }
                  ]
                }
                """);
    }

    @Test
    void aDefinitionBuiltInJavaWithEveryKindAndNoDefaultsSurvivesARoundTrip() {
        RetryPolicy linear = new RetryPolicy(6, Backoff.LINEAR, Duration.ofMillis(1500), 1.5, Duration.ofSeconds(90), 0.25);
        Compensation undo = new Compensation("ledger", "Reverse", NODES.objectNode().put("id", "${book.output.id}"),
                RetryPolicy.fixed(2, Duration.ofNanos(1_000_500)), Duration.ofDays(2));
        SagaDefinition saga = new SagaDefinition("everything", 4, List.of(
                new StepDefinition("book", new StepKind.Task("ledger", "Book", NODES.arrayNode().add("${input.lines}"),
                        linear, Duration.ofMinutes(3), Duration.ofHours(5), undo), List.of(), "${input.go} == true",
                        false, false),
                new StepDefinition("pause", new StepKind.Wait(Duration.ofSeconds(45)), List.of(), null, true, false),
                new StepDefinition("signal", new StepKind.AwaitEvent("Approved", null, null), List.of("book", "pause"),
                        null, false, false),
                new StepDefinition("child", new StepKind.SubSaga("audit", null, NODES.textNode("${input}"), null, null),
                        List.of("signal"), null, false, true),
                new StepDefinition("end", new StepKind.Terminate(StepKind.Terminate.Outcome.COMPLETED,
                        NODES.objectNode().put("ok", true), null), List.of("child"), null, false, false)),
                Duration.ofMillis(250), FailurePolicy.FAIL, NODES.objectNode().put("audit", "${child.output}"));

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(saga))).isEqualTo(saga);
    }

    @Test
    void aYamlDocumentSurvivesARoundTripThroughJson() throws IOException {
        SagaDefinition fromYaml = SagaDocuments.read(resource("definitions/trip.yaml"));

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(fromYaml))).isEqualTo(fromYaml);
        assertThat(SagaDocuments.fromYaml(SagaDocuments.toJson(fromYaml))).isEqualTo(fromYaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_onboarding_workflow", "store_onboarding_workflow", "order_processing_workflow"})
    void aConvertedConductorWorkflowCanBeKeptAsANativeDocument(String seed) {
        SagaDefinition converted = ConductorWorkflows.fromJson(text("seeds/" + seed + ".json"));

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(converted))).isEqualTo(converted);
    }
}
