package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skald.saga.definition.InvalidDefinitionException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything Skald cannot honour in a Conductor workflow is reported, naming the task and the feature. */
class ConductorErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"DYNAMIC", "DO_WHILE", "INLINE", "SET_VARIABLE", "HUMAN", "LAMBDA", "EXCLUSIVE_JOIN", "START_WORKFLOW", "NO_SUCH_TYPE"})
    void aTaskTypeWithoutSkaldEquivalentIsReportedByTaskAndType(String type) {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow(
                "{\"name\": \"a\", \"taskReferenceName\": \"a\"}",
                "{\"name\": \"b\", \"taskReferenceName\": \"b\"}",
                "{\"name\": \"c\", \"taskReferenceName\": \"c\"}",
                "{\"name\": \"charge\", \"taskReferenceName\": \"charge_ref\", \"type\": \"" + type + "\","
                        + " \"loopCondition\": \"true\"}"))))
                .containsExactly(problem("tasks[3](charge_ref).type",
                        "Conductor task type " + type + " is not supported by Skald"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conductor", "conductor:approvals", "sqs:orders", "kafka:", "kafka:${workflow.input.topic}"})
    void anEventSinkThatIsNotANamedKafkaTopicIsReportedAtTheSink(String sink) {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow(
                "{\"name\": \"tell\", \"taskReferenceName\": \"tell\", \"type\": \"EVENT\", \"sink\": \"" + sink + "\"}"))))
                .singleElement().satisfies(found -> {
                    assertThat(found.place()).isEqualTo("tasks[0](tell).sink");
                    assertThat(found.message()).contains("is not supported by Skald").contains("kafka:");
                });
    }

    @Test
    void anEventTaskThatCompletesAsynchronouslyIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "tell", "taskReferenceName": "tell", "type": "EVENT", "sink": "kafka:t", "asyncComplete": true}"""))))
                .containsExactly(problem("tasks[0](tell).asyncComplete",
                        "'asyncComplete' of a Conductor EVENT task is not supported by Skald"));
    }

    @Test
    void aJqQueryThatDoesNotCompileIsReportedAtItsQueryExpression() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "merge", "taskReferenceName": "merge", "type": "JSON_JQ_TRANSFORM",
                 "inputParameters": {"key1": 1, "queryExpression": "{ key3: (.key1 + }"}}"""))))
                .singleElement().satisfies(found -> {
                    assertThat(found.place()).isEqualTo("tasks[0](merge).inputParameters.queryExpression");
                    assertThat(found.message()).startsWith("'{ key3: (.key1 + }' is not a jq query: ")
                            .contains("at line 1, column 18");
                });
    }

    @Test
    void aJqTaskWithoutAQueryExpressionIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "merge", "taskReferenceName": "merge", "type": "JSON_JQ_TRANSFORM",
                 "inputParameters": {"key1": 1}}""", """
                {"name": "shape", "taskReferenceName": "shape", "type": "JSON_JQ_TRANSFORM",
                 "inputParameters": {"queryExpression": 42}}"""))))
                .containsExactly(
                        problem("tasks[0](merge).inputParameters.queryExpression",
                                "missing required field 'queryExpression'"),
                        problem("tasks[1](shape).inputParameters.queryExpression",
                                "must be a string, was a number (42)"));
    }

    @Test
    void tasksReferringToAnUnsupportedTaskAreNotReportedForIt() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow(
                "{\"name\": \"fetch\", \"taskReferenceName\": \"fetch\", \"type\": \"LAMBDA\"}",
                "{\"name\": \"use\", \"taskReferenceName\": \"use\","
                        + " \"inputParameters\": {\"body\": \"${fetch.output.response.body}\"}}"))))
                .containsExactly(problem("tasks[0](fetch).type", "Conductor task type LAMBDA is not supported by Skald"));
    }

    @Test
    void aJavaScriptSwitchIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "evaluatorType": "javascript",
                 "expression": "$.amount > 100 ? 'big' : 'small'", "inputParameters": {"amount": "${workflow.input.amount}"},
                 "decisionCases": {"big": [{"name": "review", "taskReferenceName": "review"}]}}"""))))
                .containsExactly(problem("tasks[0](s).evaluatorType",
                        "SWITCH evaluatorType 'javascript' is not supported by Skald; use value-param"));
    }

    @Test
    void aDecisionOnAJavaScriptCaseExpressionIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "d", "taskReferenceName": "d", "type": "DECISION",
                 "caseExpression": "$.amount > 100 ? 'big' : 'small'", "decisionCases": {}}""", ONE_STEP))))
                .containsExactly(problem("tasks[0](d).caseExpression",
                        "DECISION caseExpression (JavaScript) is not supported by Skald; use caseValueParam"));
    }

    @Test
    void aSwitchMissingItsExpressionOrValueIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "evaluatorType": "value-param"}""", """
                {"name": "t", "taskReferenceName": "t", "type": "SWITCH", "evaluatorType": "value-param",
                 "expression": "kind", "inputParameters": {"other": 1}}""", """
                {"name": "u", "taskReferenceName": "u", "type": "DECISION"}""", """
                {"name": "v", "taskReferenceName": "v", "type": "SWITCH", "expression": "kind"}""", ONE_STEP))))
                .containsExactly(
                        problem("tasks[0](s).expression", "missing required field 'expression'"),
                        problem("tasks[1](t).inputParameters.kind", "missing required field 'kind'"),
                        problem("tasks[2](u).caseValueParam", "missing required field 'caseValueParam'"),
                        problem("tasks[3](v).evaluatorType", "missing required field 'evaluatorType'"));
    }

    @Test
    void aSwitchValueThatSplicesTextIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "evaluatorType": "value-param",
                 "expression": "key", "inputParameters": {"key": "${workflow.input.a}-${workflow.input.b}"},
                 "decisionCases": {"x-y": []}}""", ONE_STEP))))
                .containsExactly(problem("tasks[0](s).inputParameters.key", "'${workflow.input.a}-${workflow.input.b}'"
                        + " must be a single ${...} reference or a constant: Skald conditions cannot compare spliced text"));
    }

    @Test
    void aCaseValueWithBothKindsOfQuoteIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "s", "taskReferenceName": "s", "type": "SWITCH", "evaluatorType": "value-param",
                 "expression": "key", "inputParameters": {"key": "${workflow.input.a}"},
                 "decisionCases": {"it's \\"x\\"": [{"name": "x", "taskReferenceName": "x"}]}}"""))))
                .containsExactly(problem("tasks[0](s).decisionCases.it's \"x\"",
                        "'it's \"x\"' holds both kinds of quote, which a Skald condition cannot write"));
    }

    @Test
    void aWaitUntilADeadlineIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "w", "taskReferenceName": "w", "type": "WAIT", "inputParameters": {"until": "2030-01-01 00:00 GMT"}}"""))))
                .containsExactly(problem("tasks[0](w).inputParameters.until",
                        "WAIT until (a wall-clock deadline) is not supported by Skald; use duration"));
    }

    @Test
    void aWaitDurationThatIsNotADurationIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "w", "taskReferenceName": "w", "type": "WAIT", "inputParameters": {"duration": "a while"}}""", """
                {"name": "v", "taskReferenceName": "v", "type": "WAIT", "inputParameters": {"duration": "${workflow.input.d}"}}""",
                """
                {"name": "x", "taskReferenceName": "x", "type": "WAIT", "inputParameters": {"duration": "1s", "note": "hi"}}"""))))
                .containsExactly(
                        problem("tasks[0](w).inputParameters.duration",
                                "'a while' is not a duration; write for example '30 seconds', '5m' or '1d 2h'"),
                        problem("tasks[1](v).inputParameters.duration", "a WAIT duration computed from an expression"
                                + " ('${workflow.input.d}') is not supported by Skald; write a literal such as '10 seconds'"),
                        problem("tasks[2](x).inputParameters.note", "unknown field 'note' in the inputParameters of a"
                                + " Conductor WAIT task (Skald reads only duration); expected one of until, duration"));
    }

    @Test
    void aTerminateWithoutAKnownStatusIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "t", "taskReferenceName": "t", "type": "TERMINATE"}""", """
                {"name": "u", "taskReferenceName": "u", "type": "TERMINATE",
                 "inputParameters": {"terminationStatus": "TERMINATED", "reason": "typo"}}"""))))
                .containsExactly(
                        problem("tasks[0](t).inputParameters", "missing required field 'inputParameters'"),
                        problem("tasks[0](t).inputParameters.terminationStatus", "missing required field 'terminationStatus'"),
                        problem("tasks[1](u).inputParameters.terminationStatus",
                                "'TERMINATED' is not one of completed, failed"),
                        problem("tasks[1](u).inputParameters.reason", "unknown field 'reason' in the inputParameters of a"
                                + " Conductor TERMINATE task; expected one of terminationStatus, workflowOutput,"
                                + " terminationReason"));
    }

    @Test
    void aSubWorkflowWithoutANameOrWithAnInlineDefinitionIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "s", "taskReferenceName": "s", "type": "SUB_WORKFLOW"}""", """
                {"name": "t", "taskReferenceName": "t", "type": "SUB_WORKFLOW",
                 "subWorkflowParam": {"name": "child", "workflowDefinition": {"name": "child", "tasks": []}}}"""))))
                .containsExactly(
                        problem("tasks[0](s).subWorkflowParam", "missing required field 'subWorkflowParam'"),
                        problem("tasks[0](s).subWorkflowParam.name", "missing required field 'name'"),
                        problem("tasks[1](t).subWorkflowParam.workflowDefinition",
                                "'workflowDefinition' of a Conductor subWorkflowParam is not supported by Skald"));
    }

    @Test
    void aBadFailureWorkflowAndTimeoutPoliciesOtherThanTimeOutWfAreReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "failureWorkflow": "clean up", "timeoutPolicy": "ALERT_ONLY", "tasks": [
                  {"name": "charge", "taskReferenceName": "charge", "taskDefinition": {"timeoutPolicy": "RETRY"}}]}""")))
                .containsExactlyInAnyOrder(
                        problem("failureWorkflow", "'clean up' is not a valid definition name (letters, digits, '.',"
                                + " '_' and '-', starting with a letter or digit)"),
                        problem("timeoutPolicy", "timeoutPolicy ALERT_ONLY is not supported by Skald: a timeout fails"
                                + " the step or saga, as TIME_OUT_WF does"),
                        problem("tasks[0](charge).taskDefinition.timeoutPolicy", "timeoutPolicy RETRY is not supported by"
                                + " Skald: a timeout fails the step or saga, as TIME_OUT_WF does"));
    }

    @Test
    void aConductorFeatureInAFieldThatHoldsMoreThanItsDefaultIsReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "variables": {"count": 0}, "tasks": [
                  {"name": "a", "taskReferenceName": "a", "startDelay": 30, "asyncComplete": true},
                  {"name": "b", "taskReferenceName": "b", "type": "WAIT", "taskDefinition": {"retryCount": 1}},
                  {"name": "c", "taskReferenceName": "c", "taskDefinition": {"rateLimitPerFrequency": 10}}]}""")))
                .containsExactly(
                        problem("tasks[0](a).startDelay", "'startDelay' of a Conductor SIMPLE task is not supported by Skald"),
                        problem("tasks[0](a).asyncComplete",
                                "'asyncComplete' of a Conductor SIMPLE task is not supported by Skald"),
                        problem("tasks[1](b).taskDefinition",
                                "'taskDefinition' of a Conductor WAIT task is not supported by Skald"),
                        problem("tasks[2](c).taskDefinition.rateLimitPerFrequency",
                                "'rateLimitPerFrequency' of a Conductor task definition is not supported by Skald"),
                        problem("variables", "'variables' of a Conductor workflow is not supported by Skald"));
    }

    @Test
    void unknownFieldsAreReportedAtEveryLevel() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "tiemoutSeconds": 60, "tasks": [
                  {"name": "charge", "taskReferenceName": "charge", "inputParamters": {},
                   "taskDefinition": {"retryCont": 2}},
                  {"name": "ship", "taskReferenceName": "ship", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "shipping", "versoin": 2}}]}""",
                Map.of("charge", new JsonMapper().createObjectNode()))))
                .containsExactly(
                        problem("tasks[0](charge).taskDefinition.retryCont",
                                "unknown field 'retryCont' in a Conductor task definition; did you mean 'retryCount'?"),
                        problem("tasks[0](charge).inputParamters",
                                "unknown field 'inputParamters' in a Conductor SIMPLE task; did you mean 'inputParameters'?"),
                        problem("tasks[1](ship).subWorkflowParam.versoin",
                                "unknown field 'versoin' in a Conductor subWorkflowParam; did you mean 'version'?"),
                        problem("tiemoutSeconds",
                                "unknown field 'tiemoutSeconds' in a Conductor workflow; did you mean 'timeoutSeconds'?"));
    }

    @Test
    void problemsInARegisteredTaskDefinitionArePlacedByItsNameAndReportedOnce() throws IOException {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow(
                        "{\"name\": \"charge\", \"taskReferenceName\": \"first\"}",
                        "{\"name\": \"charge\", \"taskReferenceName\": \"second\"}"),
                Map.of("charge", new JsonMapper().readTree("{\"retryLogic\": \"RANDOM\", \"retryDelaySeconds\": -1}")))))
                .containsExactly(
                        problem("taskDefs[charge].retryLogic", "'RANDOM' is not one of fixed, exponential_backoff,"
                                + " linear_backoff"),
                        problem("taskDefs[charge].retryDelaySeconds", "must not be negative, was -1"));
    }

    @Test
    void forkAndJoinMustComeInPairs() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "join", "taskReferenceName": "stray_join", "type": "JOIN"}""", """
                {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN",
                 "forkTasks": [[{"name": "a", "taskReferenceName": "a"}], {"name": "b"}]}""", """
                {"name": "c", "taskReferenceName": "c"}"""))))
                .containsExactly(
                        problem("tasks[0](stray_join).type", "a JOIN must follow a FORK_JOIN"),
                        problem("tasks[1](fork).forkTasks[1]", "must be an array of tasks, was an object"),
                        problem("tasks[1](fork)", "a FORK_JOIN must be followed by a JOIN"));
    }

    @Test
    void aJoinCanOnlyWaitForTasksOfItsFork() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow("""
                {"name": "a", "taskReferenceName": "a"}""", """
                {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN",
                 "forkTasks": [[{"name": "b", "taskReferenceName": "b"}]]}""", """
                {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["a", "b", "z"]}"""))))
                .containsExactly(
                        problem("tasks[2](join).joinOn", "'a' is not a task of the FORK_JOIN before this JOIN"),
                        problem("tasks[2](join).joinOn", "'z' is not a task of the FORK_JOIN before this JOIN"));
    }

    @Test
    void missingNamesAndReferencesAreReported() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"tasks": [{"type": "SIMPLE"}, {"name": "b", "taskReferenceName": "b"}, "c"]}""")))
                .containsExactly(
                        problem("name", "missing required field 'name'"),
                        problem("tasks[0].taskReferenceName", "missing required field 'taskReferenceName'"),
                        problem("tasks[0].name", "missing required field 'name'"),
                        problem("tasks[2]", "must be an object, was a string (\"c\")"));
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("{\"name\": \"w\"}")))
                .containsExactly(problem("tasks", "missing required field 'tasks'"));
    }

    @Test
    void valuesOfTheWrongTypeAreReportedAtTheirPlaces() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "version": "2", "timeoutSeconds": -1, "outputParameters": [], "tasks": [
                  {"name": "a", "taskReferenceName": "a", "type": 5},
                  {"name": "b", "taskReferenceName": "b", "optional": "no", "inputParameters": "${workflow.input}"},
                  {"name": "c", "taskReferenceName": "c", "type": "WAIT", "inputParameters": {"duration": 10}},
                  {"name": "d", "taskReferenceName": "d", "type": "SWITCH", "evaluatorType": "value-param",
                   "expression": "v", "inputParameters": {"v": {"nested": true}}, "decisionCases": {"x": {}}},
                  {"name": "e", "taskReferenceName": "e", "type": "DECISION", "caseValueParam": "v",
                   "inputParameters": {"v": "${workflow.input.v}"}, "decisionCases": [], "defaultCase": {}}]}""",
                Map.of("b", new JsonMapper().getNodeFactory().textNode("not a definition")))))
                .containsExactly(
                        problem("version", "must be a whole number, was a string (\"2\")"),
                        problem("timeoutSeconds", "must not be negative, was -1"),
                        problem("outputParameters", "must be an object, was an array"),
                        problem("tasks[0](a).type", "must be a string, was a number (5)"),
                        problem("tasks[1](b).optional", "must be true or false, was a string (\"no\")"),
                        problem("taskDefs[b]", "must be an object, was a string (\"not a definition\")"),
                        problem("tasks[1](b).inputParameters", "must be an object, was a string (\"${workflow.input}\")"),
                        problem("tasks[2](c).inputParameters.duration", "must be a string, was a number (10)"),
                        problem("tasks[3](d).inputParameters.v", "must be a ${...} reference or a constant, was an object"),
                        problem("tasks[3](d).decisionCases.x", "must be an array of tasks, was an object"),
                        problem("tasks[4](e).decisionCases", "must be an object, was an array"),
                        problem("tasks[4](e).defaultCase", "must be an array of tasks, was an object"));
    }

    @Test
    void aDuplicateTaskReferenceNameIsReportedAtTheSecondTask() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson(workflow(
                "{\"name\": \"a\", \"taskReferenceName\": \"pay\"}",
                "{\"name\": \"b\", \"taskReferenceName\": \"pay\"}"))))
                .containsExactly(problem("tasks[1](pay).taskReferenceName", "duplicate taskReferenceName 'pay'"));
    }

    @Test
    void semanticProblemsArePlacedInTheWorkflowsOwnTerms() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("""
                {"name": "w", "outputParameters": {"x": "${nowhere.output.x}"}, "tasks": [
                  {"name": "a", "taskReferenceName": "a", "inputParameters": {"v": "${workflow.variables.v}"}},
                  {"name": "b", "taskReferenceName": "b-", "inputParameters": {"order": {"id": "${later.output.id}"}}},
                  {"name": "c", "taskReferenceName": "9lives"},
                  {"name": "later", "taskReferenceName": "later"}]}""")))
                .containsExactly(
                        problem("tasks[2](9lives).taskReferenceName",
                                "'9lives' is not a valid step id (letters, digits, '_' and '-', starting with a letter)"),
                        problem("tasks[0](a).inputParameters.v", "reference '${workflow.variables.v}' is not one of"
                                + " ${workflow.input...}, ${workflow.workflowId}, ${workflow.correlationId}"),
                        problem("tasks[1](b-).inputParameters", "'${later.output.id}' refers to step 'later', which is"
                                + " not among the steps 'b-' depends on, so it may not have run yet"),
                        problem("outputParameters", "'${nowhere.output.x}' refers to unknown step 'nowhere'"));
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThat(problemsOf(() -> ConductorWorkflows.fromJson("{\"name\": \"w\",\n \"tasks\": [,]}")))
                .containsExactly(problem("document", "malformed JSON at line 2, column 12: Unexpected character"
                        + " (',' (code 44)): expected a valid value (JSON String, Number, Array, Object or token 'null',"
                        + " 'true' or 'false')"));
    }

    @Test
    void everyProblemIsReportedAtOnceUnderTheWorkflowsName() {
        assertThatThrownBy(() -> ConductorWorkflows.fromJson(workflow(
                "{\"name\": \"a\", \"taskReferenceName\": \"a\", \"type\": \"LAMBDA\"}",
                "{\"name\": \"b\", \"taskReferenceName\": \"b\", \"type\": \"DO_WHILE\"}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Conductor workflow 'w' is invalid (2 problems):\n"
                        + "  tasks[0](a).type: Conductor task type LAMBDA is not supported by Skald\n"
                        + "  tasks[1](b).type: Conductor task type DO_WHILE is not supported by Skald");
    }

    /** A task that makes a step, so that a workflow under test does not also lack steps. */
    private static final String ONE_STEP = "{\"name\": \"step\", \"taskReferenceName\": \"step\"}";

    private static String workflow(String... tasks) {
        return "{\"name\": \"w\", \"tasks\": [" + String.join(",\n", tasks) + "]}";
    }
}
