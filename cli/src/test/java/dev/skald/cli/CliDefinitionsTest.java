package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skald definitions apply|list|show} against a fake API. */
class CliDefinitionsTest extends CliAgainstFakeApi {
    @TempDir
    Path dir;

    @Test
    void applySendsJsonAsIsAndYamlConvertedAndSaysWhatChanged() throws IOException {
        Path json = Files.writeString(dir.resolve("hello.json"), "{\"name\": \"hello\", \"version\": 1, \"steps\": []}");
        Path yaml = Files.writeString(dir.resolve("order.yaml"), "name: order\nversion: 2\nsteps: []\n");
        api.on("POST", "/definitions", 200, "{\"name\": \"hello\", \"version\": 1}")
                .on("POST", "/definitions", 201, "{\"name\": \"order\", \"version\": 2}");

        CliRun run = skald("definitions", "apply", json.toString(), yaml.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("applied hello version 1 (unchanged)\napplied order version 2 (created)\n");
        assertThat(api.requests()).extracting(FakeApi.Request::body).containsExactly(
                "{\"name\": \"hello\", \"version\": 1, \"steps\": []}",
                "{\"name\":\"order\",\"version\":2,\"steps\":[]}");
    }

    @Test
    void anInvalidDefinitionNamesTheFileAndEveryProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{}");
        api.on("POST", "/definitions", 400, """
                {"error": "the definition is invalid", "problems": [{"place": "name", "message": "is required"}]}""");

        CliRun run = skald("definitions", "apply", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("skald: " + file + ": the definition is invalid\n  name: is required\n");
    }

    @Test
    void aMissingFileIsNamed() {
        CliRun run = skald("definitions", "apply", dir.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("skald: " + dir.resolve("nope.json") + ": cannot read ");
    }

    @Test
    void listPrintsNamesAndVersions() {
        api.on("GET", "/definitions", 200, """
                [{"name": "order", "latest": 2, "versions": [1, 2]}, {"name": "hello", "latest": 1, "versions": [1]}]""");

        CliRun run = skald("definitions", "list");

        assertThat(run.out()).isEqualTo("""
                NAME   LATEST  VERSIONS
                order  2       1,2
                hello  1       1
                """);
    }

    @Test
    void showPrintsTheDocumentOfAVersion() {
        api.on("GET", "/definitions/order/2", 200, "{\"name\": \"order\", \"version\": 2, \"steps\": []}");

        CliRun run = skald("definitions", "show", "order", "2");

        assertThat(run.out()).contains("\"name\" : \"order\"", "\"version\" : 2");
    }
}
