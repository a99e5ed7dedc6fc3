package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.cli.internal.DurationOption;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.Output;
import dev.skald.cli.internal.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skald stuck [--older-than 5m] [--limit N] [--resend]}: {@code GET /sagas/stuck}, and with {@code --resend}
 * {@code POST /sagas/{id}/resend} for each saga found.
 */
@Command(name = "stuck", description = "Find sagas waiting on a command for longer than --older-than; --resend "
        + "re-sends their pending commands with the same command ids.")
final class StuckCommand extends CliCommand {
    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "5m", converter = DurationOption.class,
            description = "How long a saga has waited on a reply to count as stuck (default 5m).")
    Duration olderThan;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", converter = Arguments.Limit.class,
            description = "At most N sagas (default 100, at most " + Arguments.MAX_LIMIT + ").")
    int limit;

    @Option(names = "--resend", description = "Re-send the pending commands of every saga found.")
    boolean resend;

    @Override
    int execute() {
        JsonNode stuck = api().get("/sagas/stuck?olderThan=" + olderThan + "&limit=" + limit);
        List<String> resent = resend ? resendAll(stuck) : List.of();
        if (out().json()) {
            out().json(resend ? json(stuck, resent) : stuck);
            return 0;
        }
        Table table = Table.with("SAGA", "DEFINITION", "VERSION", "STATUS", "WAITING SINCE", "STEPS");
        stuck.forEach(s -> table.row(s.path("sagaId").asText(), s.path("definition").asText(),
                s.path("version").asInt(), s.path("status").asText(), Output.compact(s.get("waitingSince")),
                String.join(",", texts(s.path("steps")))));
        out().table(table);
        out().line(stuck.size() + (stuck.size() == 1 ? " saga" : " sagas") + " waiting longer than " + olderThan);
        resent.forEach(id -> out().line("re-sent the pending commands of saga " + id));
        return 0;
    }

    private List<String> resendAll(JsonNode stuck) {
        List<String> resent = new ArrayList<>();
        for (JsonNode saga : stuck) {
            String id = saga.path("sagaId").asText();
            ControlCommand.request(api(), id, "resend", null);
            resent.add(id);
        }
        return resent;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static ObjectNode json(JsonNode stuck, List<String> resent) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("stuck", stuck);
        ArrayNode ids = out.putArray("resent");
        resent.forEach(ids::add);
        return out;
    }
}
