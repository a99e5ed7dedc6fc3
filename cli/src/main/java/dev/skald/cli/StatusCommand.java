package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.Output;
import dev.skald.cli.internal.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code skald status ID}: {@code GET /sagas/{id}}. */
@Command(name = "status", description = "Show a saga: its status, input, output, error and steps.")
final class StatusCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID", converter = Arguments.SagaId.class, description = "The saga id.")
    String sagaId;

    @Override
    int execute() {
        JsonNode saga = api().get("/sagas/" + ApiClient.segment(sagaId));
        if (out().json()) {
            out().json(saga);
            return 0;
        }
        Table fields = Table.with("SAGA", saga.path("sagaId").asText())
                .row("definition", saga.path("definition").asText() + " v" + saga.path("version").asText())
                .row("status", saga.path("status").asText())
                .row("created", Output.compact(saga.get("createdAt")))
                .row("updated", Output.compact(saga.get("updatedAt")))
                .row("input", Output.compact(saga.get("input")))
                .row("output", Output.compact(saga.get("output")))
                .row("error", Output.compact(saga.get("error")));
        out().table(fields);
        out().line("");
        Table steps = Table.with("STEP", "STATUS", "ATTEMPTS", "OUTPUT", "ERROR");
        saga.path("steps").forEach(s -> steps.row(s.path("id").asText(), s.path("status").asText(),
                s.path("attempts").asInt(), Output.compact(s.get("output")), Output.compact(s.get("error"))));
        out().table(steps);
        return 0;
    }
}
