package dev.skald.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Where a command prints: tables and sentences for people, or the raw JSON with {@code --json}. */
public final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Whether the user asked for JSON. */
    public boolean json() {
        return json;
    }

    /** Prints a JSON document, indented. */
    public void json(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
        out.flush();
    }

    /** Prints a line. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints a table. */
    public void table(Table table) {
        out.print(table.render());
        out.flush();
    }

    /** A compact one-line rendering of a JSON value, for table cells; null for a missing or null value. */
    public static String compact(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
