package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.expression.Condition;
import dev.skald.saga.expression.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConductorControlFlowTest {

    @Test
    void forkBranchesRunInParallelAndJoinWaitsForAllEnds() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "fulfil", "tasks": [
                  {"name": "take_order", "taskReferenceName": "take", "type": "SIMPLE"},
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "pick", "taskReferenceName": "pick"}, {"name": "pack", "taskReferenceName": "pack"}],
                    [{"name": "invoice", "taskReferenceName": "invoice"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["pack", "invoice"]},
                  {"name": "ship", "taskReferenceName": "ship"}]}""");

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::dependsOn).containsExactly(
                tuple("take", List.of()),
                tuple("pick", List.of("take")),
                tuple("pack", List.of("pick")),
                tuple("invoice", List.of("take")),
                tuple("ship", List.of("pack", "invoice")));
    }

    @Test
    void aJoinWithoutJoinOnWaitsForTheEndOfEveryBranch() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "fulfil", "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "pick", "taskReferenceName": "pick"}, {"name": "pack", "taskReferenceName": "pack"}],
                    [{"name": "invoice", "taskReferenceName": "invoice"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN"},
                  {"name": "ship", "taskReferenceName": "ship"}]}""");

        assertThat(saga.step("ship").orElseThrow().dependsOn()).containsExactly("pack", "invoice");
    }

    @Test
    void aJoinOnSomeBranchesLetsTheOthersRunOn() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "fulfil", "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "pick", "taskReferenceName": "pick"}], [{"name": "audit", "taskReferenceName": "audit"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["pick"]},
                  {"name": "ship", "taskReferenceName": "ship"}]}""");

        assertThat(saga.step("ship").orElseThrow().dependsOn()).containsExactly("pick");
        assertThat(saga.step("audit").orElseThrow().dependsOn()).isEmpty();
    }

    @Test
    void aNestedForkIsJoinedThroughItsOwnJoin() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "nested", "tasks": [
                  {"name": "outer", "taskReferenceName": "outer", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "inner", "taskReferenceName": "inner", "type": "FORK_JOIN", "forkTasks": [
                        [{"name": "a", "taskReferenceName": "a"}], [{"name": "b", "taskReferenceName": "b"}]]},
                     {"name": "inner_join", "taskReferenceName": "inner_join", "type": "JOIN", "joinOn": ["a", "b"]}],
                    [{"name": "c", "taskReferenceName": "c"}]]},
                  {"name": "outer_join", "taskReferenceName": "outer_join", "type": "JOIN", "joinOn": ["inner_join", "c"]},
                  {"name": "d", "taskReferenceName": "d"}]}""");

        assertThat(saga.step("d").orElseThrow().dependsOn()).containsExactly("a", "b", "c");
    }

    @Test
    void switchCasesGetConditionsAndTheDefaultCaseGetsTheNegationOfAllCases() {
        SagaDefinition saga = ConductorWorkflows.fromJson(SHIPPING_SWITCH);

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::when).containsExactly(
                tuple("quote", null),
                tuple("fedex", "${workflow.input.carrier} == 'fedex'"),
                tuple("ups", "${workflow.input.carrier} == 'ups'"),
                tuple("ups_label", "${workflow.input.carrier} == 'ups'"),
                tuple("manual", "!(${workflow.input.carrier} == 'fedex' || ${workflow.input.carrier} == 'ups')"),
                tuple("notify", null));
    }

    @Test
    void exactlyOneCaseOfASwitchRunsForAnyValue() {
        SagaDefinition saga = ConductorWorkflows.fromJson(SHIPPING_SWITCH);

        assertThat(stepsRunningForCarrier(saga, "fedex")).containsExactly("quote", "fedex", "notify");
        assertThat(stepsRunningForCarrier(saga, "ups")).containsExactly("quote", "ups", "ups_label", "notify");
        assertThat(stepsRunningForCarrier(saga, "dhl")).containsExactly("quote", "manual", "notify");
        assertThat(stepsRunningForCarrier(saga, null)).containsExactly("quote", "manual", "notify");
    }

    @Test
    void theTaskAfterASwitchWaitsForTheSwitchPredecessorAndTheEndOfEveryCase() {
        SagaDefinition saga = ConductorWorkflows.fromJson(SHIPPING_SWITCH);

        assertThat(saga.step("fedex").orElseThrow().dependsOn()).containsExactly("quote");
        assertThat(saga.step("ups_label").orElseThrow().dependsOn()).containsExactly("ups");
        assertThat(saga.step("notify").orElseThrow().dependsOn()).containsExactly("quote", "fedex", "ups_label", "manual");
    }

    @Test
    void nestedSwitchesAndTheirConditions() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "nested", "tasks": [
                  {"name": "region", "taskReferenceName": "region", "type": "SWITCH", "evaluatorType": "value-param",
                   "expression": "r", "inputParameters": {"r": "${workflow.input.region}"},
                   "decisionCases": {"eu": [
                     {"name": "tier", "taskReferenceName": "tier", "type": "SWITCH", "evaluatorType": "value-param",
                      "expression": "t", "inputParameters": {"t": "${workflow.input.tier}"},
                      "decisionCases": {"gold": [{"name": "concierge", "taskReferenceName": "concierge"}]},
                      "defaultCase": [{"name": "standard", "taskReferenceName": "standard"}]}]}}]}""");

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::when).containsExactly(
                tuple("concierge", "${workflow.input.region} == 'eu' && ${workflow.input.tier} == 'gold'"),
                tuple("standard", "${workflow.input.region} == 'eu' && !(${workflow.input.tier} == 'gold')"));
        assertThat(stepsRunningFor(saga, input("{\"region\": \"eu\", \"tier\": \"gold\"}"))).containsExactly("concierge");
        assertThat(stepsRunningFor(saga, input("{\"region\": \"eu\"}"))).containsExactly("standard");
        assertThat(stepsRunningFor(saga, input("{\"region\": \"us\", \"tier\": \"gold\"}"))).isEmpty();
    }

    @Test
    void aSwitchInsideAForkBranchConditionsOnlyThatBranch() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "mixed", "tasks": [
                  {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
                    [{"name": "gift", "taskReferenceName": "gift", "type": "SWITCH", "evaluatorType": "value-param",
                      "expression": "g", "inputParameters": {"g": "${workflow.input.gift}"},
                      "decisionCases": {"true": [{"name": "wrap", "taskReferenceName": "wrap"}]}}],
                    [{"name": "invoice", "taskReferenceName": "invoice"}]]},
                  {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["gift", "invoice"]},
                  {"name": "ship", "taskReferenceName": "ship"}]}""");

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::when, StepDefinition::dependsOn)
                .containsExactly(
                        tuple("wrap", "(${workflow.input.gift} == 'true' || ${workflow.input.gift} == true)", List.of()),
                        tuple("invoice", null, List.of()),
                        tuple("ship", null, List.of("wrap", "invoice")));
    }

    @Test
    void aLegacyDecisionSwitchesOnItsCaseValueParam() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "legacy", "tasks": [
                  {"name": "check", "taskReferenceName": "check"},
                  {"name": "decide", "taskReferenceName": "decide", "type": "DECISION", "caseValueParam": "status",
                   "inputParameters": {"status": "${check.output.status}"},
                   "decisionCases": {"OK": [{"name": "proceed", "taskReferenceName": "proceed"}]},
                   "defaultCase": [{"name": "reject", "taskReferenceName": "reject"}]},
                  {"name": "close", "taskReferenceName": "close"}]}""");

        assertThat(saga.steps()).extracting(StepDefinition::id, StepDefinition::when, StepDefinition::dependsOn)
                .containsExactly(
                        tuple("check", null, List.of()),
                        tuple("proceed", "${check.output.status} == 'OK'", List.of("check")),
                        tuple("reject", "!(${check.output.status} == 'OK')", List.of("check")),
                        tuple("close", null, List.of("check", "proceed", "reject")));
    }

    @Test
    void aCaseThatLooksLikeANumberAlsoMatchesTheNumberAsConductorComparesAsText() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "levels", "tasks": [
                  {"name": "level", "taskReferenceName": "level", "type": "SWITCH", "evaluatorType": "value-param",
                   "expression": "l", "inputParameters": {"l": "${workflow.input.level}"},
                   "decisionCases": {"1": [{"name": "one", "taskReferenceName": "one"}]}}]}""");

        assertThat(stepsRunningFor(saga, input("{\"level\": 1}"))).containsExactly("one");
        assertThat(stepsRunningFor(saga, input("{\"level\": \"1\"}"))).containsExactly("one");
        assertThat(stepsRunningFor(saga, input("{\"level\": 2}"))).isEmpty();
    }

    @Test
    void aSwitchWithAnEmptyCaseStillLetsTheNextTaskWaitForThePredecessor() {
        SagaDefinition saga = ConductorWorkflows.fromJson("""
                {"name": "optional_review", "tasks": [
                  {"name": "draft", "taskReferenceName": "draft"},
                  {"name": "review", "taskReferenceName": "review", "type": "SWITCH", "evaluatorType": "value-param",
                   "expression": "r", "inputParameters": {"r": "${workflow.input.review}"},
                   "decisionCases": {"yes": [{"name": "check", "taskReferenceName": "check"}]}, "defaultCase": []},
                  {"name": "publish", "taskReferenceName": "publish"}]}""");

        assertThat(saga.step("publish").orElseThrow().dependsOn()).containsExactly("draft", "check");
    }

    private static final String SHIPPING_SWITCH = """
            {"name": "shipping", "tasks": [
              {"name": "quote", "taskReferenceName": "quote"},
              {"name": "carrier", "taskReferenceName": "carrier", "type": "SWITCH", "evaluatorType": "value-param",
               "expression": "carrier", "inputParameters": {"carrier": "${workflow.input.carrier}"},
               "decisionCases": {
                 "fedex": [{"name": "ship_fedex", "taskReferenceName": "fedex"}],
                 "ups": [{"name": "ship_ups", "taskReferenceName": "ups"},
                         {"name": "print_label", "taskReferenceName": "ups_label"}]},
               "defaultCase": [{"name": "ship_manually", "taskReferenceName": "manual"}]},
              {"name": "notify_customer", "taskReferenceName": "notify"}]}""";

    private static JsonNode input(String json) {
        try {
            return new JsonMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The steps whose condition holds for a saga started with {@code {"carrier": carrier}}. */
    private static List<String> stepsRunningForCarrier(SagaDefinition saga, String carrier) {
        return stepsRunningFor(saga, new JsonMapper().createObjectNode().put("carrier", carrier));
    }

    /** The steps whose condition holds for this saga input (no step has an output). */
    private static List<String> stepsRunningFor(SagaDefinition saga, JsonNode sagaInput) {
        return saga.steps().stream()
                .filter(step -> step.when() == null || Condition.parse(step.when())
                        .holds(ref -> ref.root() == Reference.Root.SAGA_INPUT ? sagaInput : null))
                .map(StepDefinition::id)
                .collect(Collectors.toList());
    }
}
