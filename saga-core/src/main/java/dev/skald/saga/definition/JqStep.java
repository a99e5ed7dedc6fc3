package dev.skald.saga.definition;

import java.util.Optional;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * The contract of a jq step (Conductor's {@code JSON_JQ_TRANSFORM}): a step that transforms JSON with a
 * <a href="https://jqlang.github.io/jq/manual/v1.6/">jq</a> query. It runs as a task of the built-in participant
 * {@value #PARTICIPANT} with the command type {@value #COMMAND}, so it has the retries, timeouts and replay of every
 * task; the command's input, resolved from the step's templates, is the query and the JSON it runs on:
 *
 * <pre>{@code
 * {"queryExpression": "{total: (.prices | add)}", "input": {"prices": "${input.prices}"}}
 * }</pre>
 *
 * <p>The output has Conductor's shape: {@code {"result": <the first result or null>, "resultList": [<every result>]}}.
 * A query that does not compile, or fails on its input, fails the step without retry.
 */
public final class JqStep {
    /** The participant that executes jq steps. */
    public static final String PARTICIPANT = "skald-jq";
    /** The command type of a jq transform. */
    public static final String COMMAND = "jq-transform";
    /** The field of the command's input holding the query. */
    public static final String QUERY = "queryExpression";
    /** The field of the command's input holding the JSON the query runs on. */
    public static final String INPUT = "input";
    /** The field of the output holding the first result, or null when there is none. */
    public static final String RESULT = "result";
    /** The field of the output holding every result, in order. */
    public static final String RESULT_LIST = "resultList";
    /** The jq language version queries are compiled and run with. */
    public static final Version JQ_VERSION = Versions.JQ_1_6;

    private JqStep() {
    }

    /** Whether a task step is a jq step. */
    public static boolean isJq(StepKind kind) {
        return kind instanceof StepKind.Task task && PARTICIPANT.equals(task.participant());
    }

    /**
     * Compiles a query with {@link #JQ_VERSION}.
     *
     * @throws JsonQueryException if it is not a jq query
     */
    public static JsonQuery compile(String query) throws JsonQueryException {
        return JsonQuery.compile(query, JQ_VERSION);
    }

    /** Why a query does not compile, or empty when it does. */
    public static Optional<String> syntaxError(String query) {
        try {
            compile(query);
            return Optional.empty();
        } catch (JsonQueryException e) {
            return Optional.of(explain(e));
        }
    }

    /**
     * What a query's compile error says, in one line: the parser's first line, which names the token it did not
     * expect and its line and column, or else the error's own message.
     */
    public static String explain(JsonQueryException compileError) {
        Throwable cause = compileError.getCause();
        String message = cause != null && cause.getMessage() != null ? cause.getMessage()
                : String.valueOf(compileError.getMessage());
        return message.lines().findFirst().orElse(message).strip();
    }
}
