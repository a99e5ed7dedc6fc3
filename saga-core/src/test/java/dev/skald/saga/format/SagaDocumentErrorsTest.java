package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.problem;
import static dev.skald.saga.format.FormatTesting.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SagaDocumentErrorsTest {

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"s\",\n \"version\": 1,\n \"steps\": [}")))
                .containsExactly(problem("document",
                        "malformed JSON at line 3, column 12: Unexpected close marker '}': expected ']'"
                                + " (for Array starting at line 3, column 11)"));
    }

    @Test
    void malformedYamlIsReportedWithLineAndColumnWithoutTheParsersExcerpts() {
        assertThat(problemsOf(() -> SagaDocuments.fromYaml("name: s\nsteps: [a\nversion: 1\n")))
                .containsExactly(problem("document", "malformed YAML at line 3, column 8: while parsing a flow sequence;"
                        + " expected ',' or ']', but got :"));
    }

    @Test
    void aDuplicateKeyIsMalformedRatherThanSilentlyOverwritten() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"a\", \"name\": \"b\"}")))
                .containsExactly(problem("document", "malformed JSON at line 1, column 21: Duplicate field 'name'"));
        assertThat(problemsOf(() -> SagaDocuments.fromYaml("name: a\nname: b\n")))
                .containsExactly(problem("document", "malformed YAML at line 2, column 5: Duplicate field 'name'"));
    }

    @Test
    void contentAfterTheDocumentIsMalformed() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"s\"} {}")))
                .singleElement().extracting(Problem::message).asString()
                .startsWith("malformed JSON at line 1, column 15: Trailing token");
    }

    @Test
    void anEmptyDocumentIsReported() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("  \n")))
                .containsExactly(problem("document", "the document is empty"));
        assertThat(problemsOf(() -> SagaDocuments.fromYaml("")))
                .containsExactly(problem("document", "the document is empty"));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsReported() {
        assertThat(problemsOf(() -> SagaDocuments.fromYaml("- a\n- b\n")))
                .containsExactly(problem("document", "must be an object, was an array"));
    }

    @Test
    void valuesOfTheWrongTypeAreReportedEachAtItsPlace() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"$schema": 5, "name": 7, "version": "1", "timeout": 30, "onFailure": true, "output": null, "steps": [
                  {"id": "a", "participant": "p", "command": "Do", "input": null, "optional": "yes", "pivot": 1,
                   "when": false, "dependsOn": "b", "responseTimeout": ["1s"],
                   "retry": {"maxAttempts": 1.5, "multiplier": "2", "jitter": null},
                   "compensation": "undo"},
                  {"id": "b", "dependsOn": [1], "type": "event", "event": 5, "correlationKey": {}}]}""")))
                .containsExactly(
                        problem("$schema", "must be a string, was a number (5)"),
                        problem("name", "must be a string, was a number (7)"),
                        problem("version", "must be a whole number, was a string (\"1\")"),
                        problem("timeout", "must be a duration with a unit such as '30s', '5m' or 'PT30S', was a number"
                                + " (30): a bare number has no unit"),
                        problem("onFailure", "must be a string, was a boolean (true)"),
                        problem("output", "must be a JSON value other than null (leave the field out instead), was null"),
                        problem("steps[a].dependsOn", "must be an array of strings, was a string (\"b\")"),
                        problem("steps[a].when", "must be a string, was a boolean (false)"),
                        problem("steps[a].optional", "must be true or false, was a string (\"yes\")"),
                        problem("steps[a].pivot", "must be true or false, was a number (1)"),
                        problem("steps[a].input", "must be a JSON value other than null (leave the field out instead),"
                                + " was null"),
                        problem("steps[a].retry.maxAttempts", "must be a whole number, was a number (1.5)"),
                        problem("steps[a].retry.multiplier", "must be a number, was a string (\"2\")"),
                        problem("steps[a].retry.jitter", "must be a number, was null"),
                        problem("steps[a].responseTimeout", "must be a duration with a unit such as '30s', '5m' or"
                                + " 'PT30S', was an array"),
                        problem("steps[a].compensation", "must be an object, was a string (\"undo\")"),
                        problem("steps[b].dependsOn", "must be an array of strings; element 0 is a number (1)"),
                        problem("steps[b].event", "must be a string, was a number (5)"),
                        problem("steps[b].correlationKey", "must be a string, was an object"));
    }

    @Test
    void aMisspeltFieldIsReportedWithTheFieldItWasProbablyMeantToBe() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "timout": "1h", "steps": [
                  {"id": "a", "participant": "p", "command": "Do", "dependOn": [],
                   "retry": {"backof": "fixed"},
                   "compensation": {"participant": "p", "command": "Undo", "responseTimout": "1s"}}]}""")))
                .containsExactly(
                        problem("steps[a].retry.backof", "unknown field 'backof' in a retry policy; did you mean 'backoff'?"),
                        problem("steps[a].compensation.responseTimout", "unknown field 'responseTimout' in a compensation;"
                                + " did you mean 'responseTimeout'?"),
                        problem("steps[a].dependOn", "unknown field 'dependOn' in a task step; did you mean 'dependsOn'?"),
                        problem("timout", "unknown field 'timout' in a saga definition; did you mean 'timeout'?"));
    }

    @Test
    void anUnknownFieldUnlikeAnyKnownOneListsTheFieldsThatAreAllowed() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "w", "type": "wait", "duration": "1s", "colour": "red"}]}""")))
                .containsExactly(problem("steps[w].colour", "unknown field 'colour' in a wait step; expected one of id,"
                        + " type, dependsOn, when, optional, pivot, duration"));
    }

    @Test
    void aFieldOfAnotherStepTypeIsUnknown() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [
                  {"id": "w", "type": "wait", "duration": "1s", "participant": "p"}]}""")))
                .containsExactly(problem("steps[w].participant", "unknown field 'participant' in a wait step; expected"
                        + " one of id, type, dependsOn, when, optional, pivot, duration"));
    }

    @Test
    void missingRequiredFieldsAreReportedForEveryStepType() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"steps": [
                  {"id": "t", "compensation": {}},
                  {"id": "w", "type": "wait"},
                  {"id": "e", "type": "event"},
                  {"id": "s", "type": "saga"},
                  {"id": "x", "type": "terminate"},
                  {"type": "wait", "duration": "1s"}]}""")))
                .containsExactly(
                        problem("name", "missing required field 'name'"),
                        problem("version", "missing required field 'version'"),
                        problem("steps[t].participant", "missing required field 'participant'"),
                        problem("steps[t].command", "missing required field 'command'"),
                        problem("steps[t].compensation.participant", "missing required field 'participant'"),
                        problem("steps[t].compensation.command", "missing required field 'command'"),
                        problem("steps[w].duration", "missing required field 'duration'"),
                        problem("steps[e].event", "missing required field 'event'"),
                        problem("steps[s].definition", "missing required field 'definition'"),
                        problem("steps[x].outcome", "missing required field 'outcome'"),
                        problem("steps[5].id", "missing required field 'id'"));
    }

    @Test
    void missingStepsAreReportedOnce() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"s\", \"version\": 1}")))
                .containsExactly(problem("steps", "missing required field 'steps'"));
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"s\", \"version\": 1, \"steps\": {}}")))
                .containsExactly(problem("steps", "must be an array, was an object"));
    }

    @Test
    void aStepThatIsNotAnObjectIsReportedByItsIndex() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "w", "type": "wait", "duration": "1s"}, "charge"]}""")))
                .containsExactly(problem("steps[1]", "must be an object, was a string (\"charge\")"));
    }

    @Test
    void anUnknownStepTypeIsReportedAndTheStepsFieldsAreNotGuessedAt() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "h", "type": "grpc", "url": "https://example.com"}]}""")))
                .containsExactly(problem("steps[h].type",
                        "'grpc' is not one of task, http, map, publish, wait, event, saga, terminate"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"onFailure\": \"rollback\"                            | onFailure | 'rollback' is not one of compensate, fail",
        "\"steps\": [{\"id\": \"a\", \"participant\": \"p\", \"command\": \"c\", \"retry\": {\"backoff\": \"random\"}}]"
            + " | steps[a].retry.backoff | 'random' is not one of fixed, exponential, linear",
        "\"steps\": [{\"id\": \"x\", \"type\": \"terminate\", \"outcome\": \"ok\"}]"
            + " | steps[x].outcome | 'ok' is not one of completed, failed"})
    void anUnknownEnumValueListsTheValuesAllowed(String field, String place, String message) {
        String steps = field.startsWith("\"steps\"") ? "" : ", \"steps\": [{\"id\": \"w\", \"type\": \"wait\", \"duration\": \"1s\"}]";
        assertThat(problemsOf(() -> SagaDocuments.fromJson("{\"name\": \"s\", \"version\": 1, " + field + steps + "}")))
                .containsExactly(problem(place, message));
    }

    @ParameterizedTest
    @CsvSource({"10 minutes", "5x", "1.5h", "P1Y", "-5s", "''", "99999999999999999d"})
    void anUnreadableDurationIsReportedWithTheSpellingsThatWork(String duration) {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "w", "type": "wait", "duration": "%s"}]}"""
                .formatted(duration))))
                .containsExactly(problem("steps[w].duration", "'" + duration + "' is not a duration; write a number"
                        + " and a unit (500ms, 30s, 5m, 2h, 1d) or ISO-8601 (PT30S)"));
    }

    @Test
    void semanticProblemsOfTheBuiltDefinitionAreReportedAfterTheStructuralOnes() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "colour": "red", "steps": [
                  {"id": "a", "participant": "p", "command": "Do", "input": {"x": "${b.output.x}"}},
                  {"id": "b", "participant": "p", "command": "Do", "dependsOn": ["nope"], "when": "${a.output.x} >"},
                  {"id": "input", "type": "wait", "duration": "0s"}]}""")))
                .containsExactly(
                        problem("colour", "unknown field 'colour' in a saga definition; expected one of $schema, name,"
                                + " version, timeout, onFailure, output, failureSaga, steps"),
                        problem("steps[2].id", "'input' is reserved for expressions; choose another step id"),
                        problem("steps[b].dependsOn", "unknown step 'nope'"),
                        problem("steps[a].input", "'${b.output.x}' refers to step 'b', which is not among the steps 'a'"
                                + " depends on, so it may not have run yet"),
                        problem("steps[b].when", "condition '${a.output.x} >': expected a value but the condition"
                                + " ended at character 15"),
                        problem("steps[input].duration", "must be positive, was PT0S"));
    }

    @Test
    void aPlaceWithAStructuralProblemIsNotReportedAgainBySemanticValidation() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [
                  {"id": "a", "participant": "p"},
                  {"id": "w", "type": "wait", "duration": "soon"},
                  {"id": "b", "participant": "p", "command": "Do", "dependsOn": "a", "pivot": true}]}""")))
                .containsExactly(
                        problem("steps[a].command", "missing required field 'command'"),
                        problem("steps[w].duration", "'soon' is not a duration; write a number and a unit (500ms, 30s,"
                                + " 5m, 2h, 1d) or ISO-8601 (PT30S)"),
                        problem("steps[b].dependsOn", "must be an array of strings, was a string (\"a\")"));
    }

    @Test
    void anInvalidStepIdIsReportedByTheStepsIndex() {
        assertThat(problemsOf(() -> SagaDocuments.fromJson("""
                {"name": "s", "version": 1, "steps": [{"id": "1st", "type": "wait", "duration": "1s"}]}""")))
                .containsExactly(problem("steps[0].id",
                        "'1st' is not a valid step id (letters, digits, '_' and '-', starting with a letter)"));
    }

    @Test
    void theExceptionMessageNamesTheDocumentAndListsEveryProblem() {
        assertThatThrownBy(() -> SagaDocuments.fromYaml("name: order\nversion: 0\nsteps: []\n"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("YAML saga document 'order' is invalid (2 problems):\n"
                        + "  version: must be at least 1, was 0\n"
                        + "  steps: a saga needs at least one step");
    }
}
