package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.schemas.internal.Compatibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The schema evolution guard: every schema on the wire must read data written with its released version
 * (BACKWARD), since topics and state changelogs keep records written by the previous release.
 */
class ReleasedSchemasTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released");

    @TestFactory
    Stream<DynamicTest> everyCurrentSchemaReadsDataWrittenWithItsReleasedVersion() throws IOException {
        return parse(RELEASED).entrySet().stream().map(released -> DynamicTest.dynamicTest(released.getKey(), () ->
                assertReadsReleasedData(released.getKey(), released.getValue(), generatedSchema(released.getValue()))));
    }

    @Test
    void everyCurrentSchemaHasAReleasedSnapshot() throws IOException {
        assertThat(parse(RELEASED).keySet())
                .as("schemas in %s without a snapshot in %s: copy them there (see docs/schemas.md)", CURRENT, RELEASED)
                .containsAll(parse(CURRENT).keySet());
    }

    @Test
    void catchesANewFieldWithoutDefault() throws IOException {
        Schema released = parse(RELEASED).get("SagaStart.avsc");
        Schema changed = SchemaResolutionTest.withField(released,
                new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "added without a default"));

        assertThatThrownBy(() -> assertReadsReleasedData("SagaStart.avsc", released, changed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SagaStart.avsc")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("tenant");
    }

    @Test
    void catchesAChangedFieldType() throws IOException {
        Schema released = parse(RELEASED).get("TimerFired.avsc");
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : released.getFields()) {
            Schema type = field.name().equals("timerKey") ? Schema.create(Schema.Type.INT) : field.schema();
            fields.add(new Schema.Field(field.name(), type, field.doc()));
        }
        Schema changed = Schema.createRecord(released.getName(), released.getDoc(), released.getNamespace(), false,
                fields);

        assertThatThrownBy(() -> assertReadsReleasedData("TimerFired.avsc", released, changed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TimerFired.avsc").hasMessageContaining("TYPE_MISMATCH");
    }

    private static void assertReadsReleasedData(String file, Schema released, Schema current) {
        List<String> problems = Compatibility.problemsReading(released, current);
        if (!problems.isEmpty()) {
            throw new AssertionError(file + " (" + current.getFullName() + "): the current schema cannot read data "
                    + "written with the released one (BACKWARD): " + String.join("; ", problems)
                    + ". Give new fields a default, keep types, add enum symbols only (every enum has a default).");
        }
    }

    private static Schema generatedSchema(Schema released) throws ClassNotFoundException {
        return SpecificData.get().getSchema(Class.forName(released.getFullName()));
    }

    /** Every .avsc file of a directory by file name, parsed together so files may refer to each other's types. */
    private static Map<String, Schema> parse(Path directory) throws IOException {
        SchemaParser parser = new SchemaParser();
        Map<String, SchemaParser.ParseResult> results = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                results.put(file.getFileName().toString(), parser.parse(file));
            }
        }
        Map<String, Schema> schemas = new TreeMap<>();
        results.forEach((file, result) -> schemas.put(file, parser.resolve(result)));
        return schemas;
    }
}
