package dev.skald.saga.format;

import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.SagaDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Native saga definition documents, in JSON or YAML: reading them into a validated {@link SagaDefinition}, and
 * writing a definition back.
 *
 * <p>A document names the saga, its version and its steps; a step's {@code type} defaults to {@code task}, and a step
 * without {@code dependsOn} depends on the step before it in the list. For example:
 * <pre>{@code
 * SagaDefinition order = SagaDocuments.fromYaml("""
 *     name: order
 *     version: 1
 *     steps:
 *       - id: reserve
 *         participant: inventory
 *         command: ReserveStock
 *         input: { sku: "${input.sku}" }
 *       - id: charge
 *         participant: payments
 *         command: Charge
 *     """);
 * }</pre>
 * The full reference is {@code docs/definitions.md}; {@code docs/saga-definition.schema.json} is a JSON Schema of
 * the format for editors.
 *
 * <p>Reading reports every problem at once in an {@link InvalidDefinitionException}: malformed text (with line and
 * column), values of the wrong type, unknown fields (a misspelt field is never ignored), missing fields, unreadable
 * durations, and everything {@link dev.skald.saga.definition.SagaDefinitions#validate} finds in the result. Each
 * problem names its place: {@code steps[reserve].retry.backoff}, or {@code steps[2].id} for a step without a usable
 * id. This class is stateless and thread-safe.
 */
public final class SagaDocuments {
    private SagaDocuments() {
    }

    /**
     * Reads a native JSON document.
     *
     * @throws InvalidDefinitionException listing every problem with the document
     */
    public static SagaDefinition fromJson(String json) {
        return read(Objects.requireNonNull(json, "json can't be null"), Syntax.JSON, "JSON saga document");
    }

    /**
     * Reads a native YAML document.
     *
     * @throws InvalidDefinitionException listing every problem with the document
     */
    public static SagaDefinition fromYaml(String yaml) {
        return read(Objects.requireNonNull(yaml, "yaml can't be null"), Syntax.YAML, "YAML saga document");
    }

    /**
     * Reads a native document from a file, as JSON when its name ends in {@code .json} and as YAML when it ends in
     * {@code .yaml} or {@code .yml} (in any case).
     *
     * @throws IllegalArgumentException   when the file name has none of those extensions
     * @throws IOException                when the file cannot be read
     * @throws InvalidDefinitionException listing every problem with the document
     */
    public static SagaDefinition read(Path file) throws IOException {
        Objects.requireNonNull(file, "file can't be null");
        Syntax syntax = Syntax.of(file);
        return read(Files.readString(file), syntax, "saga document " + file);
    }

    /**
     * The native JSON document of a definition, pretty-printed. Fields holding their default are left out, and
     * {@link #fromJson} of the result gives a definition equal to this one.
     */
    public static String toJson(SagaDefinition definition) {
        return Syntax.print(NativeWriter.write(Objects.requireNonNull(definition, "definition can't be null")));
    }

    private static SagaDefinition read(String text, Syntax syntax, String source) {
        Problems problems = new Problems();
        SagaDefinition built = syntax.parseObject(text, problems).map(root -> NativeReader.read(root, problems))
                .orElse(null);
        String subject = built == null || built.name().isEmpty() ? source : source + " '" + built.name() + "'";
        return problems.requireValid(built, subject, UnaryOperator.identity());
    }
}
