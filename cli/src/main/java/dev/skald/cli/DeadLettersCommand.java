package dev.skald.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.DeadLetter;
import dev.skald.cli.internal.DeadLetterFilter;
import dev.skald.cli.internal.Redriver;
import dev.skald.cli.internal.Table;
import dev.skald.cli.internal.TopicReader;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code skald dead-letters list|redrive}: reads the dead-letter topic, re-drives records after a fix. */
@Command(name = "dead-letters", description = "List dead letters, and re-drive them after a fix.",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Redrive.class})
final class DeadLettersCommand extends CliCommand {
    @Override
    int execute() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The selection options both subcommands share. */
    static final class Selection {
        @Option(names = "--saga", paramLabel = "ID", description = "Only dead letters of this saga.")
        String sagaId;

        @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: UNDECODABLE, "
                + "UNKNOWN_DEFINITION, UNKNOWN_SAGA, REJECTED, TOO_LARGE.")
        String kind;

        @Option(names = "--reason-contains", paramLabel = "TEXT", description = "Only reasons containing TEXT.")
        String reasonContains;

        DeadLetterFilter filter() {
            return new DeadLetterFilter(sagaId, kind, reasonContains);
        }
    }

    /** {@code skald dead-letters list}. */
    @Command(name = "list", description = "List the dead letters (the whole topic, committed records only).")
    static final class ListLetters extends CliCommand {
        @Mixin
        Selection selection;

        @Override
        int execute() {
            List<DeadLetter> letters = new TopicReader(cli().kafka()).readAll(cli().topics().deadLetters()).stream()
                    .map(DeadLetter::of).filter(selection.filter()).toList();
            if (out().json()) {
                out().json(json(letters));
                return 0;
            }
            out().table(table(letters));
            out().line(letters.size() + (letters.size() == 1 ? " dead letter" : " dead letters"));
            return 0;
        }
    }

    /** {@code skald dead-letters redrive}. */
    @Command(name = "redrive", description = "Re-drive dead letters to the topics they came from, each at most "
            + "once (a ledger topic records what was re-driven).")
    static final class Redrive extends CliCommand {
        @Mixin
        Selection selection;

        @Option(names = "--all", description = "Every dead letter not re-driven before.")
        boolean all;

        @Option(names = "--dry-run", description = "Only say what would be re-driven.")
        boolean dryRun;

        @Override
        int execute() {
            DeadLetterFilter filter = selection.filter();
            if (all == !filter.matchesAll()) {
                throw new CliException("say which dead letters to re-drive: --saga, --kind or --reason-contains, "
                        + "or --all (not both)", 2);
            }
            Redriver.Result result = new Redriver(cli().kafka()).redrive(filter, dryRun);
            if (out().json()) {
                out().json(json(result));
            } else {
                print(result);
            }
            return 0;
        }

        private void print(Redriver.Result result) {
            int count = result.redriven().size();
            out().line((dryRun ? "would re-drive " : "re-drove ") + count
                    + (count == 1 ? " dead letter" : " dead letters"));
            if (count > 0) {
                out().table(table(result.redriven()));
            }
            if (!result.alreadyRedriven().isEmpty()) {
                out().line("skipped " + result.alreadyRedriven().size() + " already re-driven");
            }
            if (!result.withoutOrigin().isEmpty()) {
                out().line("left " + result.withoutOrigin().size() + " without a skald.dlq.topic header alone");
            }
        }

        private ObjectNode json(Redriver.Result result) {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("dryRun", dryRun);
            node.set("redriven", DeadLettersCommand.json(result.redriven()));
            node.set("alreadyRedriven", DeadLettersCommand.json(result.alreadyRedriven()));
            node.set("withoutOrigin", DeadLettersCommand.json(result.withoutOrigin()));
            return node;
        }
    }

    private static Table table(List<DeadLetter> letters) {
        Table table = Table.with("ID", "KIND", "SAGA", "FROM", "AT", "REASON");
        letters.forEach(d -> table.row(d.id(), d.kind(), d.sagaId(), d.origin(), d.timestamp(), d.reason()));
        return table;
    }

    private static ArrayNode json(List<DeadLetter> letters) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        letters.forEach(d -> array.add(d.toJson()));
        return array;
    }
}
