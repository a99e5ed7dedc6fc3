package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static dev.skald.saga.format.FormatTesting.resource;
import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepKind;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Map steps in native documents: read, written back, and refused with every problem in its place. */
class MapStepFormatTest {

    @Test
    void aMapStepReadsFromYamlWithItsElementTemplateAndCompensation() throws IOException {
        SagaDefinition saga = SagaDocuments.read(resource("definitions/price-lines.yaml"));

        StepKind.ForEach lines = (StepKind.ForEach) saga.step("lines").orElseThrow().kind();
        assertThat(lines.items()).isEqualTo("${input.lines}");
        assertThat(lines.concurrency()).isEqualTo(5);
        assertThat(lines.participant()).isEqualTo("pricing");
        assertThat(lines.input().get("position").asText()).isEqualTo("${index}");
        assertThat(lines.retry().maxAttempts()).isEqualTo(3);
        assertThat(lines.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(lines.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(lines.undo().input().get("quote").asText()).isEqualTo("${lines.output.quoteId}");
        assertThat(lines.label()).isEqualTo("map");
    }

    @Test
    void aMapStepReadFromYamlIsWrittenAsJsonAndReadBackEqual() throws IOException {
        SagaDefinition saga = SagaDocuments.read(resource("definitions/price-lines.yaml"));

        assertThat(SagaDocuments.fromJson(SagaDocuments.toJson(saga))).isEqualTo(saga);
    }

    @Test
    void defaultsAreLeftOutWhenWritten() {
        SagaDefinition saga = SagaDocuments.fromJson("""
                {"name": "m", "version": 1, "steps": [{"id": "each", "type": "map", "items": "${input.all}",
                 "participant": "p", "command": "C"}]}""");

        StepKind.ForEach each = (StepKind.ForEach) saga.steps().get(0).kind();
        assertThat(each.concurrency()).isEqualTo(StepKind.ForEach.DEFAULT_CONCURRENCY);
        assertThat(each.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(SagaDocuments.toJson(saga)).doesNotContain("concurrency", "retry", "\"input\"");
    }

    @Test
    void everyMistakeOfAMapStepIsReportedInItsPlace() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson(text("invalid/map-with-mistakes.json")))).containsExactly(
                problem("steps[lines].concurrency", "must be between 1 and 1000, was 0"),
                problem("steps[lines].items",
                        "must be one reference to an array, such as '${input.lines}'; was 'lines: ${input.lines}'"),
                problem("steps[invoice].input", "'${item}' names a map step's element; it is defined only in the "
                        + "input and the compensation input of a map step"));
    }

    @Test
    void aMapStepWithoutItemsOrParticipantIsAStructuralProblem() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "m", "version": 1, "steps": [{"id": "each", "type": "map", "command": "C", "each": 1}]}""")))
                .extracting(p -> p.place())
                .contains("steps[each].items", "steps[each].participant", "steps[each].each");
    }

    @Test
    void theElementIsNotInScopeOfTheStepsCondition() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "m", "version": 1, "steps": [{"id": "each", "type": "map", "items": "${input.all}",
                 "when": "${index} > 1", "participant": "p", "command": "C"}]}""")))
                .extracting(p -> p.place()).containsExactly("steps[each].when");
    }
}
