package dev.skald.saga.format;

import static dev.skald.saga.format.FormatTesting.read;
import static dev.skald.saga.format.FormatTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code docs/saga-definition.schema.json} accepts what the reader accepts, and catches typos for editors. */
class SagaDefinitionSchemaTest {
    /** Maven runs tests in the module directory; the docs are at the project root. */
    private static final Path SCHEMA_FILE = Path.of("..", "docs", "saga-definition.schema.json");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema SCHEMA = REGISTRY.getSchema(read(SCHEMA_FILE), InputFormat.JSON);

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(read(SCHEMA_FILE), InputFormat.JSON)).isEmpty();
        assertThat(metaSchema.validate("{\"type\": 5}", InputFormat.JSON)).as("the meta-schema rejects a bad schema")
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.skald.saga.format.FormatTesting#exampleDocuments")
    void everyExampleDocumentSatisfiesTheSchema(Path example) {
        InputFormat format = example.toString().endsWith(".json") ? InputFormat.JSON : InputFormat.YAML;

        assertThat(SCHEMA.validate(read(example), format)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.skald.saga.format.FormatTesting#exampleDocuments")
    void everyWrittenDocumentSatisfiesTheSchema(Path example) throws IOException {
        assertThat(SCHEMA.validate(SagaDocuments.toJson(SagaDocuments.read(example)), InputFormat.JSON)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_onboarding_workflow", "store_onboarding_workflow", "order_processing_workflow"})
    void aConvertedConductorWorkflowWrittenNativelySatisfiesTheSchema(String seed) {
        String written = SagaDocuments.toJson(ConductorWorkflows.fromJson(text("seeds/" + seed + ".json")));

        assertThat(SCHEMA.validate(written, InputFormat.JSON)).isEmpty();
    }

    @Test
    void aMisspeltStepFieldFailsTheSchema() {
        String typo = text("definitions/order.json").replace("\"command\": \"Charge\"", "\"comand\": \"Charge\"");

        List<Error> errors = SCHEMA.validate(typo, InputFormat.JSON);

        assertThat(errors).extracting(Error::toString).anySatisfy(message -> assertThat(message).contains("comand"));
        assertThat(errors).extracting(Error::toString).anySatisfy(message -> assertThat(message).contains("command"));
    }

    @Test
    void aMisspeltFieldAtAnyLevelFailsTheSchema() {
        assertThat(errors(text("definitions/order.json").replace("\"timeout\": \"1h\"", "\"timout\": \"1h\""))).isNotEmpty();
        assertThat(errors(text("definitions/order.json").replace("\"jitter\"", "\"jiter\""))).isNotEmpty();
        assertThat(errors(text("definitions/trip.yaml").replace("dependsOn: []", "dependOn: []"), InputFormat.YAML))
                .isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "30s", "5m", "2h", "1d", "PT30S", "P1DT2H"})
    void theDurationsTheReaderTakesSatisfyTheSchema(String duration) {
        assertThat(errors(waitFor("\"" + duration + "\""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "\"30\"", "\"10 minutes\"", "\"5x\""})
    void aDurationWithoutAUnitFailsTheSchema(String duration) {
        assertThat(errors(waitFor(duration))).isNotEmpty();
    }

    @Test
    void aFieldOfAnotherStepTypeFailsTheSchema() {
        assertThat(errors("""
                {"name": "s", "version": 1, "steps": [{"id": "w", "type": "wait", "duration": "1s", "command": "Do"}]}"""))
                .isNotEmpty();
    }

    private static String waitFor(String duration) {
        return "{\"name\": \"s\", \"version\": 1, \"steps\": [{\"id\": \"w\", \"type\": \"wait\", \"duration\": "
                + duration + "}]}";
    }

    private static List<Error> errors(String document) {
        return errors(document, InputFormat.JSON);
    }

    private static List<Error> errors(String document, InputFormat format) {
        return SCHEMA.validate(document, format);
    }
}
