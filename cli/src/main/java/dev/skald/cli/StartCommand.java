package dev.skald.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.SagaInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code skald start DEFINITION}: {@code POST /sagas}. */
@Command(name = "start", description = "Start a saga of a definition (POST /sagas); prints its id.")
final class StartCommand extends CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "DEFINITION", description = "The definition name.")
    String definition;

    @Option(names = "--version", paramLabel = "V", converter = Arguments.Version.class,
            description = "The definition version (default: the newest).")
    Integer version;

    @Option(names = "--input", paramLabel = "JSON|@FILE",
            description = "The saga input: a JSON object, or @file holding one (at most 1 MiB).")
    String input;

    @Option(names = "--saga-id", paramLabel = "ID", converter = Arguments.SagaId.class,
            description = "The saga id (default: a random UUID).")
    String sagaId;

    @Option(names = "--idempotency-key", paramLabel = "KEY", converter = Arguments.Key.class,
            description = "Repeated starts with this key start one saga.")
    String idempotencyKey;

    @Option(names = "--correlation-key", paramLabel = "KEY", converter = Arguments.Key.class,
            description = "A business key kept with the saga.")
    String correlationKey;

    @Override
    int execute() {
        ObjectNode body = JSON.createObjectNode().put("definition", definition);
        if (version != null) {
            body.put("version", version);
        }
        if (input != null) {
            body.set("input", SagaInput.read(input));
        }
        putIfSet(body, "sagaId", sagaId);
        putIfSet(body, "idempotencyKey", idempotencyKey);
        putIfSet(body, "correlationKey", correlationKey);
        ApiClient.ApiResponse started = api().post("/sagas", body.toString());
        if (out().json()) {
            out().json(started.body());
        } else {
            out().line("started saga " + started.body().path("sagaId").asText());
        }
        return 0;
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
