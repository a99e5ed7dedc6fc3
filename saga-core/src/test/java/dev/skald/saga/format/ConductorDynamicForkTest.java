package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conductor's FORK_JOIN_DYNAMIC with forkTaskName and forkTaskInputs, and its JOIN, become one map step. */
class ConductorDynamicForkTest {
    private static final String RESIZE = """
            {"name": "thumbnails", "version": 1, "tasks": [
              {"name": "list_images", "taskReferenceName": "list"},
              {"name": "fan_out", "taskReferenceName": "resize", "type": "FORK_JOIN_DYNAMIC",
               "inputParameters": {"forkTaskName": "resize_image", "forkTaskInputs": "${list.output.images}"},
               "taskDefinition": {"retryCount": 2, "retryLogic": "FIXED", "retryDelaySeconds": 5,
                                  "responseTimeoutSeconds": 60}},
              {"name": "join", "taskReferenceName": "resized", "type": "JOIN"},
              {"name": "publish_album", "taskReferenceName": "album",
               "inputParameters": {"thumbnails": "${resize.output}"}}]}""";

    @Test
    void aDynamicForkOfOneTaskBecomesAMapStepThatTheJoinWaitsFor() {
        SagaDefinition saga = ConductorWorkflows.fromJson(RESIZE);

        assertThat(saga.steps()).extracting(StepDefinition::id).containsExactly("list", "resize", "album");
        assertThat(saga.step("resize").orElseThrow().dependsOn()).containsExactly("list");
        assertThat(saga.step("album").orElseThrow().dependsOn()).containsExactly("resize");
        StepKind.ForEach resize = (StepKind.ForEach) saga.step("resize").orElseThrow().kind();
        assertThat(resize.items()).isEqualTo("${list.output.images}");
        assertThat(resize.participant()).isEqualTo("resize_image");
        assertThat(resize.commandType()).isEqualTo("resize_image");
        assertThat(resize.input().asText()).isEqualTo("${item}");
        assertThat(resize.retry().maxAttempts()).isEqualTo(3);
        assertThat(resize.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void eachElementIsOneTasksWholeInputAndTheOutputsArriveInOrder() {
        SagaScenario.given(ConductorWorkflows.fromJson(RESIZE)).started("album-1", Map.of())
                .when().step("list").succeeds(Map.of("images", List.of(Map.of("url", "a.png"), Map.of("url", "b.png"))))
                .expectCommands("resize_image", "resize_image", 2)
                .expectCommand("resize_image", "resize_image", Map.of("url", "b.png"))
                .when().element("resize", 1).succeeds(Map.of("thumb", "b-small.png"))
                .when().element("resize", 0).succeeds(Map.of("thumb", "a-small.png"))
                .expectCommand("publish_album", "publish_album", Map.of("thumbnails",
                        List.of(Map.of("thumb", "a-small.png"), Map.of("thumb", "b-small.png"))))
                .when().step("album").succeeds()
                .expectStatus(SagaStatus.COMPLETED);
    }

    @Test
    void aListOfDifferentTasksComputedAtRunTimeIsRefusedInItsPlace() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [
                  {"name": "prepare", "taskReferenceName": "prepare"},
                  {"name": "fan_out", "taskReferenceName": "fan", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"dynamicTasks": "${prepare.output.tasks}",
                                       "dynamicTasksInput": "${prepare.output.inputs}"},
                   "dynamicForkTasksParam": "dynamicTasks", "dynamicForkTasksInputParamName": "dynamicTasksInput"},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN"}]}""")))
                .contains(problem("tasks[1](fan).dynamicForkTasksParam", "a FORK_JOIN_DYNAMIC over a list of tasks "
                        + "computed at run time is not supported by Skald; run one task per element with "
                        + "inputParameters.forkTaskName and forkTaskInputs (a Skald map step)"));
    }

    @Test
    void aJoinMustFollow() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [
                  {"name": "fan_out", "taskReferenceName": "fan", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskName": "resize", "forkTaskInputs": "${workflow.input.x}"}}]}""")))
                .containsExactly(problem("tasks[0](fan)", "a FORK_JOIN_DYNAMIC must be followed by a JOIN"));
    }

    @Test
    void forkTaskInputsMustBeOneReferenceToAnArray() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "tasks": [
                  {"name": "fan_out", "taskReferenceName": "fan", "type": "FORK_JOIN_DYNAMIC",
                   "inputParameters": {"forkTaskName": "resize", "forkTaskInputs": "images: ${workflow.input.x}"}},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN"}]}""")))
                .containsExactly(problem("tasks[0](fan).inputParameters.forkTaskInputs", "must be one reference to an "
                        + "array, such as '${input.lines}'; was 'images: ${workflow.input.x}'"));
    }
}
