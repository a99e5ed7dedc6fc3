package dev.skald.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.DeadLetter;
import dev.skald.cli.internal.DeadLetterFilter;
import dev.skald.cli.internal.KafkaAccess;
import dev.skald.cli.internal.RedriveTargets;
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
        @Option(names = "--saga", paramLabel = "ID", converter = Arguments.SagaId.class,
                description = "Only dead letters of this saga.")
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
            out().line(deadLetters(letters.size()));
            return 0;
        }
    }

    /** {@code skald dead-letters redrive}. */
    @Command(name = "redrive", description = "Re-drive dead letters to the topics they came from, each at most "
            + "once (a ledger topic records what was re-driven). Only Skald's input topics are written to, unless "
            + "--allow-topic names another; a dead letter from any other topic is refused (exit code 1).")
    static final class Redrive extends CliCommand {
        @Mixin
        Selection selection;

        @Option(names = "--all", description = "Every dead letter not re-driven before.")
        boolean all;

        @Option(names = "--dry-run", description = "Only say what would be re-driven.")
        boolean dryRun;

        @Option(names = "--allow-topic", paramLabel = "TOPIC", converter = Arguments.KafkaName.class,
                description = "Also re-drive to this topic (e.g. a participant's command topic); repeatable. "
                        + "Without it, only Skald's input topics are written to.")
        List<String> allowTopics = List.of();

        @Override
        int execute() {
            DeadLetterFilter filter = selection.filter();
            if (all == !filter.matchesAll()) {
                throw new CliException("say which dead letters to re-drive: --saga, --kind or --reason-contains, "
                        + "or --all (not both)", 2);
            }
            KafkaAccess kafka = cli().kafka();
            Redriver.Result result = new Redriver(kafka, RedriveTargets.of(kafka.topics(), allowTopics))
                    .redrive(filter, dryRun);
            if (out().json()) {
                out().json(json(result));
            } else {
                print(result);
            }
            return result.refused().isEmpty() ? 0 : refused(result.refused().size());
        }

        private int refused(int count) {
            cli().err().println("skald: " + (dryRun ? "would refuse " : "refused ") + deadLetters(count)
                    + " from a topic that is not one of Skald's input topics; name a topic with --allow-topic to "
                    + "re-drive to it");
            cli().err().flush();
            return CliException.FAILED;
        }

        private void print(Redriver.Result result) {
            out().line((dryRun ? "would re-drive " : "re-drove ") + deadLetters(result.redriven().size()));
            if (!result.redriven().isEmpty()) {
                out().table(table(result.redriven()));
            }
            if (!result.alreadyRedriven().isEmpty()) {
                out().line("skipped " + result.alreadyRedriven().size() + " already re-driven");
            }
            if (!result.withoutOrigin().isEmpty()) {
                out().line("left " + result.withoutOrigin().size() + " without a skald.dlq.topic header alone");
            }
            if (!result.refused().isEmpty()) {
                out().line((dryRun ? "would refuse " : "refused ") + deadLetters(result.refused().size()));
                Table table = Table.with("ID", "KIND", "SAGA", "TOPIC", "REFUSED BECAUSE");
                result.refused().forEach(r -> table.row(r.letter().id(), r.letter().kind(), r.letter().sagaId(),
                        r.letter().originTopic(), r.reason()));
                out().table(table);
            }
        }

        private ObjectNode json(Redriver.Result result) {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("dryRun", dryRun);
            node.set("redriven", DeadLettersCommand.json(result.redriven()));
            node.set("alreadyRedriven", DeadLettersCommand.json(result.alreadyRedriven()));
            node.set("withoutOrigin", DeadLettersCommand.json(result.withoutOrigin()));
            ArrayNode refused = node.putArray("refused");
            result.refused().forEach(r -> refused.add(r.letter().toJson().put("refusal", r.reason())));
            return node;
        }
    }

    private static String deadLetters(int count) {
        return count + (count == 1 ? " dead letter" : " dead letters");
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
