package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.HttpStep;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code request} of an http step or compensation into the input of its command. */
final class HttpRequests {
    private static final ValueReader<String> METHOD = Values.TEXT.then((text, problem) -> {
        String method = text.toUpperCase(Locale.ROOT);
        if (!HttpStep.METHODS.contains(method)) {
            problem.accept("'" + text + "' is not a method an http step can use; expected one of "
                    + String.join(", ", HttpStep.METHODS.stream().sorted().toList()));
        }
        return method;
    });
    private static final ValueReader<String> URL = Values.TEXT.then(HttpRequests::url);

    private HttpRequests() {
    }

    /** The request of {@code owner}, as the command input: method upper-cased, the rest as written. */
    static JsonNode read(Fields owner) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!owner.has("request")) {
            owner.problem("request", "missing required field 'request'");
            return out;
        }
        Fields request = owner.objectOrEmpty("request");
        out.put(HttpStep.METHOD, request.required(HttpStep.METHOD, METHOD).orElse("GET"));
        out.put(HttpStep.URL, request.required(HttpStep.URL, URL).orElse(""));
        request.object(HttpStep.HEADERS).ifPresent(headers -> {
            ObjectNode written = out.putObject(HttpStep.HEADERS);
            textObject(headers).forEach(written::put);
        });
        request.optional(HttpStep.BODY, Values.MAPPING).ifPresent(body -> out.set(HttpStep.BODY, body));
        request.elements(HttpStep.SUCCESS_CODES, false).ifPresent(codes -> out.set(HttpStep.SUCCESS_CODES,
                successCodes(request, codes)));
        request.rejectUnknown("an http request");
        return out;
    }

    /** Headers: an object of strings, in document order; each value that is not a string is reported. */
    static Map<String, String> textObject(Fields headers) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.entries()) {
            if (header.getValue().isTextual()) {
                out.put(header.getKey(), header.getValue().textValue());
            } else {
                headers.problem(header.getKey(), "a header's value must be a string, was "
                        + Values.describe(header.getValue()));
            }
        }
        return out;
    }

    private static JsonNode successCodes(Fields request, List<JsonNode> codes) {
        var out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < codes.size(); i++) {
            JsonNode code = codes.get(i);
            if (code.isIntegralNumber() && code.canConvertToInt() && code.intValue() >= 100 && code.intValue() <= 599) {
                out.add(code.intValue());
            } else {
                request.problem(HttpStep.SUCCESS_CODES + "[" + i + "]", Values.describe(code)
                        + " is not an HTTP status code (a whole number from 100 to 599)");
            }
        }
        if (codes.isEmpty()) {
            request.problem(HttpStep.SUCCESS_CODES, "must name at least one status code (leave it out for the default "
                    + HttpStep.DEFAULT_SUCCESS_CODES + ")");
        }
        return out;
    }

    /** A URL is a template; once its expressions are set aside, what is left must be an absolute http(s) URL. */
    private static String url(String text, java.util.function.Consumer<String> problem) {
        if (text.startsWith("${")) {
            return text;
        }
        String literal = text.replaceAll("\\$\\{[^}]*}", "x");
        try {
            URI uri = new URI(literal);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problem.accept("'" + text + "' is not an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            problem.accept("'" + text + "' is not a URL: " + e.getReason());
        }
        return text;
    }
}
