package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.HttpStep;
import java.util.Locale;

/**
 * The request of a Conductor HTTP task: its {@code http_request} (or, as Conductor also accepts, the input parameters
 * themselves) as the input of an http step. Its output keeps Conductor's shape,
 * {@code {"response": {"statusCode", "reasonPhrase", "headers", "body"}}}, so tasks reading
 * {@code ${task.output.response.body}} run unchanged.
 */
final class ConductorHttp {
    private static final String[] IGNORED = {"connectionTimeOut", "readTimeOut"};

    private ConductorHttp() {
    }

    static JsonNode request(Fields inputParameters) {
        Fields http = inputParameters.has("http_request") ? inputParameters.objectOrEmpty("http_request")
                : inputParameters;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String method = http.optional("method", Values.TEXT).orElse("GET").toUpperCase(Locale.ROOT);
        if (!HttpStep.METHODS.contains(method)) {
            http.problem("method", "'" + method + "' is not a method Skald's http steps use; expected one of "
                    + String.join(", ", HttpStep.METHODS.stream().sorted().toList()));
        }
        out.put(HttpStep.METHOD, method);
        out.put(HttpStep.URL, http.required("uri", Values.TEXT).orElse(""));
        ObjectNode headers = out.putObject(HttpStep.HEADERS);
        http.optional("headers", Values.OBJECT).ifPresent(given -> given.properties()
                .forEach(header -> headers.put(header.getKey(), header.getValue().isTextual()
                        ? header.getValue().textValue() : header.getValue().toString())));
        http.optional("accept", Values.TEXT).ifPresent(accept -> headers.put("Accept", accept));
        http.optional("contentType", Values.TEXT).ifPresent(type -> headers.put("Content-Type", type));
        http.optional("body", Values.MAPPING).ifPresent(body -> out.set(HttpStep.BODY, body));
        out.put(HttpStep.FORMAT, HttpStep.FORMAT_CONDUCTOR);
        http.ignore(IGNORED);
        http.rejectUnlessEmpty("a Conductor HTTP task", "vipAddress", "appName", "hedgingConfig", "asyncComplete");
        http.rejectUnknown("the http_request of a Conductor HTTP task");
        if (http != inputParameters) {
            inputParameters.rejectUnknown("the inputParameters of a Conductor HTTP task");
        }
        return out;
    }
}
