package dev.skald.participant.jq.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.participant.CommandContext;
import dev.skald.participant.CommandHandler;
import dev.skald.participant.Reply;
import dev.skald.saga.definition.JqStep;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/** Runs the jq query of one command on its input and turns the results, or the query's error, into the reply. */
public final class JqCommandHandler implements CommandHandler<JsonNode> {
    /** The most results a query may yield: the step's output holds them all. */
    public static final int MAX_RESULTS = 10_000;
    /** How many compiled queries are kept. */
    static final int CACHED_QUERIES = 1_000;
    private static final int EXCERPT = 100;

    private final Scope root = Builtins.rootScope();
    private final CompiledQueries queries = new CompiledQueries(CACHED_QUERIES);

    @Override
    public Reply handle(JsonNode command, CommandContext context) throws InterruptedException {
        JsonNode text = command.path(JqStep.QUERY);
        if (!text.isTextual()) {
            return Reply.failure("the command of a jq step has no " + JqStep.QUERY + " string");
        }
        String query = text.textValue();
        JsonQuery compiled;
        try {
            compiled = queries.get(query);
        } catch (JsonQueryException e) {
            return Reply.failure(describe(query) + " is not a jq query: " + JqStep.explain(e));
        }
        return run(query, compiled, command.path(JqStep.INPUT));
    }

    private Reply run(String query, JsonQuery compiled, JsonNode input) throws InterruptedException {
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        try {
            compiled.apply(Scope.newChildScope(root), input.isMissingNode() ? JsonNodeFactory.instance.nullNode()
                    : input, result -> collect(results, result));
        } catch (JsonQueryException e) {
            return Reply.failure(describe(query) + " failed: " + e.getMessage());
        } catch (TooManyResultsException e) {
            return Reply.failure(describe(query) + " yielded more than " + MAX_RESULTS + " results");
        } catch (StackOverflowError e) {
            return Reply.failure(describe(query) + " recursed too deeply (it may never end)");
        } catch (QueryInterruptedException e) {
            throw new InterruptedException(describe(query) + " was interrupted");
        }
        return Reply.success(output(results));
    }

    private static void collect(ArrayNode results, JsonNode result) {
        QueryInterruptedException.check();
        if (results.size() == MAX_RESULTS) {
            throw new TooManyResultsException();
        }
        results.add(result);
    }

    /** Conductor's shape: the first result (null when there is none) and every result. */
    private static ObjectNode output(ArrayNode results) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set(JqStep.RESULT, results.isEmpty() ? JsonNodeFactory.instance.nullNode() : results.get(0));
        out.set(JqStep.RESULT_LIST, results);
        return out;
    }

    private static String describe(String query) {
        String oneLine = query.strip().replaceAll("\\s+", " ");
        return "jq query '" + (oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "..." : oneLine) + "'";
    }

    /** Ends a query that yields more results than a step's output may hold. */
    private static final class TooManyResultsException extends RuntimeException {
        TooManyResultsException() {
            super("more than " + MAX_RESULTS + " results", null, false, false);
        }
    }
}
