package dev.skald.participant.jq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Reply;
import dev.skald.saga.definition.JqStep;
import dev.skald.saga.machine.CommandKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The jq executor's handler over Conductor's documented examples, failing queries and runaway ones. */
class JqCommandHandlerTest {
    private static final JsonMapper JSON = new JsonMapper();
    private static final CommandContext CONTEXT = new CommandContext("s:t:1:action", "s", "t", 1, CommandKind.ACTION,
            JqStep.PARTICIPANT, JqStep.COMMAND, Instant.EPOCH);

    private final JqCommandHandler handler = new JqCommandHandler();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private static JsonNode command(String query, String input) throws IOException {
        ObjectNode command = JSON.createObjectNode().put(JqStep.QUERY, query);
        command.set(JqStep.INPUT, JSON.readTree(input));
        return command;
    }

    private Reply run(String query, String input) throws Exception {
        return handler.handle(command(query, input), CONTEXT);
    }

    private static JsonNode output(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Success.class);
        return (JsonNode) ((Reply.Success) reply).output();
    }

    private static String failure(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Failure.class);
        return ((Reply.Failure) reply).error();
    }

    @Test
    void conductorsConcatenationExampleAnswersInConductorsShape() throws Exception {
        JsonNode out = output(run("{ key3: (.key1.value1 + .key2.value2) }", """
                {"key1": {"value1": ["a", "b"]}, "key2": {"value2": ["c", "d"]}}"""));

        assertThat(out).isEqualTo(JSON.readTree("""
                {"result": {"key3": ["a", "b", "c", "d"]}, "resultList": [{"key3": ["a", "b", "c", "d"]}]}"""));
    }

    @Test
    void aQueryOverTheInputParametersSeesThemAll() throws Exception {
        JsonNode out = output(run(".key1.value1 + .key2.value2", """
                {"key1": {"value1": ["a", "b"]}, "key2": {"value2": ["c", "d"]}}"""));

        assertThat(out.get(JqStep.RESULT)).isEqualTo(JSON.readTree("[\"a\", \"b\", \"c\", \"d\"]"));
    }

    @Test
    void conductorsMappingExampleKeepsOnlyTheNames() throws Exception {
        JsonNode out = output(run("[.[] | {name: .name}]", """
                {"first": {"name": "Ada", "age": 36}, "second": {"name": "Alan", "age": 41}}"""));

        assertThat(out.get(JqStep.RESULT)).isEqualTo(JSON.readTree("[{\"name\": \"Ada\"}, {\"name\": \"Alan\"}]"));
    }

    @Test
    void everyResultIsInTheListAndTheFirstIsTheResult() throws Exception {
        JsonNode out = output(run(".items[] | . * 2", "{\"items\": [1, 2, 3]}"));

        assertThat(out).isEqualTo(JSON.readTree("{\"result\": 2, \"resultList\": [2, 4, 6]}"));
    }

    @Test
    void aQueryWithoutResultsHasANullResultAndAnEmptyList() throws Exception {
        JsonNode out = output(run("empty", "{}"));

        assertThat(out).isEqualTo(JSON.readTree("{\"result\": null, \"resultList\": []}"));
    }

    @Test
    void aRuntimeErrorFailsTheStepSayingWhatFailed() throws Exception {
        assertThat(failure(run(".name + 1", "{\"name\": \"Ada\"}")))
                .isEqualTo("jq query '.name + 1' failed: string (\"Ada\") and number (1) cannot be added");
        assertThat(failure(run("error(\"no such customer\")", "{}")))
                .isEqualTo("jq query 'error(\"no such customer\")' failed: no such customer");
    }

    @Test
    void aQueryThatDoesNotCompileFailsTheStep() throws Exception {
        assertThat(failure(run(".[", "{}"))).startsWith("jq query '.[' is not a jq query: ")
                .contains("line 1, column 2");
    }

    @Test
    void aCommandWithoutAQueryFailsTheStep() throws Exception {
        assertThat(failure(handler.handle(JSON.createObjectNode(), CONTEXT)))
                .isEqualTo("the command of a jq step has no queryExpression string");
    }

    @Test
    void endlessRecursionFailsTheStepWithoutRetry() throws Exception {
        assertThat(failure(run("def f: f; f", "{}"))).isEqualTo("jq query 'def f: f; f' recursed too deeply"
                + " (it may never end)");
    }

    @Test
    void aQueryYieldingMoreResultsThanAnOutputHoldsFailsTheStep() throws Exception {
        assertThat(failure(run("range(1e18)", "{}")))
                .isEqualTo("jq query 'range(1e18)' yielded more than " + JqCommandHandler.MAX_RESULTS + " results");
    }

    @Test
    void aRunawayQueryEndsWhenItsThreadIsInterruptedEvenInsideATry() throws Exception {
        for (String runaway : new String[] {"last(range(1e18))", "try last(range(1e18)) catch 0",
            "reduce range(1e18) as $i (0; . + $i)"}) {
            AtomicReference<Thread> running = new AtomicReference<>();
            Future<Reply> call = thread.submit(() -> {
                running.set(Thread.currentThread());
                return run(runaway, "{}");
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.get() != null);
            running.get().interrupt();

            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(InterruptedException.class)
                    .hasMessage("jq query '" + runaway + "' was interrupted");
        }
    }
}
