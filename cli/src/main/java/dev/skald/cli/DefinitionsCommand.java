package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code skald definitions apply|list|show}. */
@Command(name = "definitions", description = "Apply, list and show saga definitions.",
        subcommands = {DefinitionsCommand.Apply.class, DefinitionsCommand.ListDefinitions.class,
                DefinitionsCommand.Show.class})
final class DefinitionsCommand extends CliCommand {
    @Override
    int execute() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code skald definitions apply FILE...}: {@code POST /definitions} for each file. */
    @Command(name = "apply", description = "Apply definitions: native JSON or YAML documents, or Conductor "
            + "workflows (JSON). Applying an unchanged version again changes nothing.")
    static final class Apply extends CliCommand {
        private static final ObjectMapper YAML = new YAMLMapper();

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Definition files (.json, .yaml, .yml).")
        List<Path> files;

        @Override
        int execute() {
            ArrayNode applied = JsonNodeFactory.instance.arrayNode();
            List<String> lines = new ArrayList<>();
            for (Path file : files) {
                ApiClient.ApiResponse response;
                try {
                    response = api().post("/definitions", document(file));
                } catch (CliException e) {
                    throw new CliException(file + ": " + e.getMessage(), e.exitCode(), e);
                }
                JsonNode body = response.body();
                applied.add(body);
                lines.add("applied " + body.path("name").asText() + " version " + body.path("version").asInt()
                        + (response.status() == 201 ? " (created)" : " (unchanged)"));
            }
            if (out().json()) {
                out().json(applied);
            } else {
                lines.forEach(out()::line);
            }
            return 0;
        }

        /** The file as JSON text: YAML files are converted, JSON files sent as they are. */
        private static String document(Path file) {
            try {
                String text = Files.readString(file);
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(text).toString() : text;
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage(), CliException.FAILED, e);
            }
        }
    }

    /** {@code skald definitions list}: {@code GET /definitions}. */
    @Command(name = "list", description = "List definitions and their versions.")
    static final class ListDefinitions extends CliCommand {
        @Override
        int execute() {
            JsonNode definitions = api().get("/definitions");
            if (out().json()) {
                out().json(definitions);
                return 0;
            }
            Table table = Table.with("NAME", "LATEST", "VERSIONS");
            definitions.forEach(d -> {
                List<String> versions = new ArrayList<>();
                d.path("versions").forEach(v -> versions.add(v.asText()));
                table.row(d.path("name").asText(), d.path("latest").asInt(), String.join(",", versions));
            });
            out().table(table);
            return 0;
        }
    }

    /** {@code skald definitions show NAME [VERSION]}: {@code GET /definitions/{name}[/{version}]}. */
    @Command(name = "show", description = "Print a definition (the newest version, or VERSION) as native JSON.")
    static final class Show extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The definition name.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", converter = Arguments.Version.class,
                description = "The version.")
        Integer version;

        @Override
        int execute() {
            String path = "/definitions/" + ApiClient.segment(name) + (version == null ? "" : "/" + version);
            out().json(api().get(path));
            return 0;
        }
    }
}
