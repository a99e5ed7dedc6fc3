package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.Output;
import dev.skald.cli.internal.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skald list}: {@code GET /sagas?definition=&status=&limit=}. */
@Command(name = "list", description = "List sagas, filtered by definition and status.")
final class ListCommand extends CliCommand {
    @Option(names = "--definition", paramLabel = "NAME", description = "Only sagas of this definition.")
    String definition;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only sagas with this status (RUNNING...).")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", converter = Arguments.Limit.class,
            description = "At most N sagas (default 100, at most " + Arguments.MAX_LIMIT + ").")
    int limit;

    @Override
    int execute() {
        StringBuilder query = new StringBuilder("/sagas?limit=").append(limit);
        if (definition != null) {
            query.append("&definition=").append(ApiClient.segment(definition));
        }
        if (status != null) {
            query.append("&status=").append(ApiClient.segment(status));
        }
        JsonNode sagas = api().get(query.toString());
        if (out().json()) {
            out().json(sagas);
            return 0;
        }
        Table table = Table.with("SAGA", "DEFINITION", "VERSION", "STATUS", "UPDATED", "ERROR");
        sagas.forEach(s -> table.row(s.path("sagaId").asText(), s.path("definition").asText(),
                s.path("version").asInt(), s.path("status").asText(), Output.compact(s.get("updatedAt")),
                Output.compact(s.get("error"))));
        out().table(table);
        out().line(sagas.size() + (sagas.size() == 1 ? " saga" : " sagas"));
        return 0;
    }
}
