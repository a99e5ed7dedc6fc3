package dev.skald.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.saga.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {

    private static StepDefinition task(String id, List<String> deps, Map<String, ?> input) {
        return new StepDefinition(id, new StepKind.Task("svc", "Do", Json.tree(input), null, null, null, null), deps,
                null, false, false);
    }

    private static List<Problem> problems(List<StepDefinition> steps) {
        return SagaDefinitions.validate(new SagaDefinition("s", 1, steps, null, null, null));
    }

    @Test
    void aValidDefinitionHasNoProblems() {
        assertThat(problems(List.of(task("a", List.of(), Map.of()), task("b", List.of("a"),
                Map.of("x", "${a.output.y}"))))).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceEachWithItsPlace() {
        List<Problem> found = SagaDefinitions.validate(new SagaDefinition(" ", 0, List.of(
                task("a", List.of("ghost"), Map.of("x", "${input.y")),
                task("a", List.of(), Map.of()),
                task("9bad", List.of(), Map.of())), Duration.ZERO, null, null));

        assertThat(found).extracting(Problem::place).contains("name", "version", "timeout", "steps[a].dependsOn",
                "steps[a].input.x", "steps[1].id", "steps[2].id");
        assertThat(found).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void detectsCyclesAndNamesThem() {
        List<Problem> found = problems(List.of(task("a", List.of("c"), Map.of()), task("b", List.of("a"), Map.of()),
                task("c", List.of("b"), Map.of())));

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.place()).isEqualTo("steps");
            assertThat(p.message()).contains("cycle").contains("a -> c -> b -> a");
        });
    }

    @Test
    void aStepMayNotDependOnItself() {
        assertThat(problems(List.of(task("a", List.of("a"), Map.of()))))
                .extracting(Problem::message).contains("a step cannot depend on itself");
    }

    @Test
    void referencesMustNameAStepThatRanBefore() {
        List<Problem> found = problems(List.of(task("a", List.of(), Map.of("x", "${b.output.y}")),
                task("b", List.of(), Map.of("x", "${nope.output}"))));

        assertThat(found).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .contains("'b'").contains("not among the steps 'a' depends on"));
        assertThat(found).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("unknown step 'nope'"));
    }

    @Test
    void reservedNamesCannotBeStepIds() {
        assertThat(problems(List.of(task("input", List.of(), Map.of()))))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("reserved"));
    }

    @Test
    void unparseableConditionsAreReportedAtTheirStep() {
        StepDefinition step = new StepDefinition("a", new StepKind.Wait(Duration.ofSeconds(1)), List.of(),
                "${input.x} ==", false, false);

        assertThat(problems(List.of(step))).singleElement().satisfies(p -> {
            assertThat(p.place()).isEqualTo("steps[a].when");
            assertThat(p.message()).contains("expected a value");
        });
    }

    @Test
    void aCompensationAfterThePivotIsAProblem() {
        assertThatThrownBy(() -> Saga.named("p").version(1)
                .step("a").call("x", "A").pivot()
                .step("b").call("y", "B").compensateWith("y", "UndoB")
                .build())
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.place()).isEqualTo("steps[b].compensation");
                            assertThat(p.message()).contains("after the pivot 'a'");
                        }));
    }

    @Test
    void everyStepMustBeOrderedWithRespectToThePivot() {
        assertThatThrownBy(() -> Saga.named("p").version(1)
                .step("a").call("x", "A").pivot()
                .step("side").call("y", "B").dependsOn()
                .build())
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("neither before nor after")));
    }

    @Test
    void retryPoliciesAndDurationsMustMakeSense() {
        StepDefinition step = new StepDefinition("a", new StepKind.Task("svc", "Do", null,
                new RetryPolicy(0, Backoff.FIXED, Duration.ofSeconds(5), 0.5, Duration.ofSeconds(1), 2.0),
                Duration.ofSeconds(-1), null, null), List.of(), null, false, false);

        assertThat(problems(List.of(step))).extracting(Problem::place).containsExactlyInAnyOrder(
                "steps[a].retry.maxAttempts", "steps[a].retry.maxDelay", "steps[a].retry.multiplier",
                "steps[a].retry.jitter", "steps[a].responseTimeout");
    }

    @Test
    void participantsMustBeUsableInATopicName() {
        StepDefinition step = new StepDefinition("a", new StepKind.Task("pay ments!", "Do", null, null, null, null,
                null), List.of(), null, false, false);

        assertThat(problems(List.of(step))).singleElement().satisfies(p ->
                assertThat(p.place()).isEqualTo("steps[a].participant"));
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        InvalidDefinitionException e = new InvalidDefinitionException("saga 'x'",
                List.of(new Problem("a", "one"), new Problem("b", "two")));

        assertThat(e.getMessage()).contains("2 problems").contains("a: one").contains("b: two");
    }
}
