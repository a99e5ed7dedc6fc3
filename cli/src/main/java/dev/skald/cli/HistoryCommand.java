package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.Output;
import dev.skald.cli.internal.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code skald history ID}: {@code GET /sagas/{id}/history}. */
@Command(name = "history", description = "Show a saga's latest history events, oldest first.")
final class HistoryCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Arguments.SagaId.class, description = "The saga id.")
    String sagaId;

    @Override
    int execute() {
        JsonNode events = api().get("/sagas/" + ApiClient.segment(sagaId) + "/history");
        if (out().json()) {
            out().json(events);
            return 0;
        }
        Table table = Table.with("AT", "TYPE", "STEP", "ATTEMPT", "FROM", "TO", "TRIGGER", "DETAIL");
        events.forEach(e -> table.row(e.path("at").asText(), e.path("type").asText(), Output.compact(e.get("stepId")),
                Output.compact(e.get("attempt")), Output.compact(e.get("from")), Output.compact(e.get("to")),
                Output.compact(e.get("trigger")), Output.compact(e.get("detail"))));
        out().table(table);
        return 0;
    }
}
