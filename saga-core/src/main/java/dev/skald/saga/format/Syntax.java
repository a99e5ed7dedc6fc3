package dev.skald.saga.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text syntaxes of documents, and parsing them into trees. Duplicate keys and trailing content are errors, and
 * fractional numbers stay exact decimals (amounts of money survive a round trip).
 */
enum Syntax {
    JSON(configure(JsonMapper.builder()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build(), "json"),
    YAML(configure(YAMLMapper.builder()).build(), "yaml", "yml");

    private static final Pattern INNER_LOCATION = Pattern.compile("\\[Source: [^]]*?; line: (\\d+), column: (\\d+)]");

    private final ObjectMapper mapper;
    private final String[] extensions;

    Syntax(ObjectMapper mapper, String... extensions) {
        this.mapper = mapper;
        this.extensions = extensions;
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return dev.skald.saga.json.Json.configure(builder).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The syntax of a file, by its extension ({@code .json}, {@code .yaml}, {@code .yml}). */
    static Syntax of(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(syntax -> Arrays.stream(syntax.extensions).anyMatch(ext -> name.endsWith("." + ext)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot tell the syntax of '" + file
                        + "': the name must end in .json, .yaml or .yml"));
    }

    /** The tree of a document whose root must be an object; empty after reporting when it is not one. */
    Optional<JsonNode> parseObject(String text, Problems problems) {
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode()) {
                problems.add("document", "the document is empty");
                return Optional.empty();
            }
            if (!root.isObject()) {
                problems.add("document", "must be an object, was " + Values.describe(root));
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add("document", "malformed " + name() + at(e.getLocation()) + ": " + firstLines(e.getOriginalMessage()));
            return Optional.empty();
        }
    }

    /** A tree as pretty-printed JSON, two spaces a level. */
    static String print(JsonNode tree) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return JSON.mapper.writer(printer).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The parser's own sentences, without the YAML parser's source excerpts and carets, and with the JSON parser's
     * inner locations as plain line and column.
     */
    private static String firstLines(String message) {
        return INNER_LOCATION.matcher(message).replaceAll("line $1, column $2").lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" "))
                .collect(Collectors.joining("; "));
    }
}
