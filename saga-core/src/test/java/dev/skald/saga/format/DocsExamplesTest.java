package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.read;
import static dev.skald.saga.format.FormatTesting.resource;
import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in {@code docs/definitions.md} are the tested documents, and say what the code does. */
class DocsExamplesTest {
    private static final Path DOCS = Path.of("..", "docs", "definitions.md");
    /** A marker comment, then a fenced block: {@code <!-- example: definitions/order.json -->}. */
    private static final Pattern MARKED_BLOCK =
            Pattern.compile("<!-- (example|problems-of): (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleInTheDocsIsATestedDocument() {
        List<Block> examples = blocks("example");

        assertThat(examples).extracting(Block::resource).contains("definitions/order.json", "definitions/greeting.json",
                "definitions/trip.yaml", "conductor/fulfilment.json", "invalid/order-with-mistakes.json");
        assertThat(examples).allSatisfy(block -> assertThat(block.text()).isEqualTo(text(block.resource())));
    }

    @Test
    void theProblemsShownInTheDocsAreThoseReported() {
        List<Block> shown = blocks("problems-of");

        assertThat(shown).isNotEmpty().allSatisfy(block ->
                assertThatThrownBy(() -> SagaDocuments.fromJson(text(block.resource())))
                        .isInstanceOf(InvalidDefinitionException.class)
                        .hasMessage(block.text().stripTrailing()));
    }

    @Test
    void theConductorExampleConvertsAsTheDocsSay() {
        SagaDefinition saga = ConductorWorkflows.fromJson(text("conductor/fulfilment.json"));

        assertThat(saga.name()).isEqualTo("fulfilment");
        assertThat(saga.version()).isEqualTo(2);
        assertThat(saga.timeout()).isEqualTo(Duration.ofDays(1));
        assertThat(saga.failurePolicy()).isEqualTo(FailurePolicy.FAIL);
        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::dependsOn, StepDefinition::when)
                .containsExactly(
                        tuple("reserve", List.of(), null),
                        tuple("pick", List.of("reserve"), null),
                        tuple("pack", List.of("pick"), null),
                        tuple("invoice", List.of("reserve"), null),
                        tuple("fedex", List.of("pack", "invoice"), "${workflow.input.carrier} == 'fedex'"),
                        tuple("post", List.of("pack", "invoice"), "!(${workflow.input.carrier} == 'fedex')"),
                        tuple("cool_off", List.of("pack", "invoice", "fedex", "post"), null),
                        tuple("ship", List.of("cool_off"), null));
        StepKind.Task reserve = (StepKind.Task) saga.steps().get(0).kind();
        assertThat(reserve.retry())
                .isEqualTo(new RetryPolicy(6, Backoff.EXPONENTIAL, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(32), 0));
        assertThat(reserve.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(saga.step("cool_off").orElseThrow().kind()).isEqualTo(new StepKind.Wait(Duration.ofHours(1)));
        assertThat(saga.step("ship").orElseThrow().kind()).isInstanceOfSatisfying(StepKind.SubSaga.class, ship -> {
            assertThat(ship.definition()).isEqualTo("shipping");
            assertThat(ship.version()).isEqualTo(1);
        });
    }

    @Test
    void theYamlOrderIsTheJsonOrder() throws Exception {
        assertThat(SagaDocuments.read(resource("definitions/order.yaml")))
                .isEqualTo(SagaDocuments.read(resource("definitions/order.json")));
    }

    private static List<Block> blocks(String kind) {
        Matcher matcher = MARKED_BLOCK.matcher(read(DOCS));
        List<Block> out = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                out.add(new Block(matcher.group(2), matcher.group(3)));
            }
        }
        return out;
    }

    /** A fenced block of the docs and the test resource it shows. */
    private record Block(String resource, String text) {
    }
}
