package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.JqStep;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command of a Conductor JSON_JQ_TRANSFORM task: its {@code queryExpression}, and as the JSON the query runs on
 * every input parameter, {@code queryExpression} included, as Conductor gives them to jq. The query is compiled here,
 * so that a syntax error is reported with the definition rather than when the step runs; one that splices in a
 * {@code ${...}} reference is compiled by the executor once resolved.
 */
final class ConductorJq {
    private ConductorJq() {
    }

    static JsonNode command(Fields inputParameters) {
        String query = inputParameters.required(JqStep.QUERY, Values.TEXT.then(ConductorJq::compiles)).orElse("");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put(JqStep.QUERY, query);
        ObjectNode input = out.putObject(JqStep.INPUT);
        for (Map.Entry<String, JsonNode> parameter : inputParameters.entries()) {
            input.set(parameter.getKey(), parameter.getValue().deepCopy());
        }
        return out;
    }

    private static String compiles(String query, Consumer<String> problem) {
        if (query.contains("${")) {
            return query;
        }
        return JqStep.syntaxError(query).map(error -> {
            problem.accept("'" + query + "' is not a jq query: " + error);
            return (String) null;
        }).orElse(query);
    }
}
