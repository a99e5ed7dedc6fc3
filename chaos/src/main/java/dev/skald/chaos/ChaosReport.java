package dev.skald.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.chaos.internal.Fault;
import dev.skald.chaos.internal.Rebuild;
import dev.skald.chaos.internal.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a chaos run did and found: printed as a table, written as JSON.
 *
 * @param settings      the run's settings
 * @param verdict       the audit
 * @param rebuild       {@code skald rebuild} of the final state, compared with the live one
 * @param faults        the faults struck
 * @param notSent       requests the workload gave up, by saga id
 * @param startup       how long the fleet took to start
 * @param work          from the first start to the end of the audit
 * @param settle        how long the sagas took to end after the last start and control
 * @param longestGapMillis the longest stretch without a saga ending
 */
public record ChaosReport(ChaosSettings settings, Verdict verdict, Rebuild rebuild, List<Fault> faults, Map<String, String> notSent,
                          Duration startup, Duration work, Duration settle, long longestGapMillis) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    /**
     * Whether the run passed: nothing lost, nothing twice, every invariant kept, every request sent. The rebuild's
     * comparison is reported beside it and does not count yet: a replay cannot know the order in which the live
     * instance applied a reply and a timer of the same saga that raced (docs/reliability.md, "What it found").
     */
    public boolean passed() {
        return verdict.passed() && notSent.isEmpty();
    }

    /** Prints the report as tables. */
    public void print(PrintStream out) {
        Verdict v = verdict;
        out.printf("%nSkald chaos: %,d sagas, seed %d, %d brokers, %d orchestrators, %d service instances%n",
                settings.sagas(), settings.seed(), settings.brokers(), settings.orchestrators(), settings.services());
        out.printf("  fleet started in %d s; sagas and audit took %d s (ending after the last start: %d s)%n",
                startup.toSeconds(), work.toSeconds(), settle.toSeconds());
        out.printf("%n  %-34s %s%n", "sagas ended", v.ended() + " of " + v.sagas() + " " + v.byStatus());
        row(out, "lost (no outcome)", v.lost().size(), v.lost());
        row(out, "requests given up", notSent.size(), List.copyOf(notSent.values()));
        row(out, "commands committed twice", v.duplicateCommandCount(), v.duplicateCommands());
        row(out, "replies committed twice", v.duplicateReplyCount(), v.duplicateReplies());
        row(out, "sagas with two outcomes", v.duplicateOutcomeCount(), v.duplicateOutcomes());
        row(out, "sagas breaking an invariant", v.violationCount(), v.violations());
        ledger(out, "money charged - refunded", v.money());
        ledger(out, "units reserved - released", v.stock());
        ledger(out, "shipments created - cancelled", v.shipments());
        row(out, "REST disagreeing with outcome", v.restMismatches().size(), v.restMismatches());
        out.printf("  %-34s %d (every completed saga's wait fired before it shipped)%n", "durable waits fired",
                v.waitsFired());
        out.printf("  %-34s %,d commands, %,d replies%n", "records audited", v.commands(), v.replies());
        row(out, "kinds of command left unanswered", v.unanswered().size(), v.unanswered());
        out.printf("  %-34s %s (%s)%n", "rebuild equals the live state", rebuild.identical() ? "yes" : "NO, not counted",
                rebuild.output().lines().reduce((a, b) -> b).orElse(""));
        if (!rebuild.identical()) {
            rebuild.output().lines().limit(20).forEach(line -> out.printf("      %s%n", line));
        }
        out.printf("  %-34s %.1f s%n", "longest time without an outcome", longestGapMillis / 1000.0);
        printFaults(out);
        out.printf("%n  %s%n", passed() ? "PASSED: nothing lost, nothing done twice, every invariant kept"
                : "FAILED: see above");
    }

    private void printFaults(PrintStream out) {
        Map<String, List<Fault>> byKind = faults.stream()
                .collect(Collectors.groupingBy(Fault::kind, TreeMap::new, Collectors.toList()));
        out.printf("%n  %-12s %6s %16s %16s%n", "fault", "count", "recovery p50 ms", "recovery max ms");
        byKind.forEach((kind, list) -> {
            long[] millis = list.stream().mapToLong(Fault::recoveryMillis).sorted().toArray();
            out.printf("  %-12s %6d %16d %16d%n", kind, millis.length, millis[(millis.length - 1) / 2],
                    millis[millis.length - 1]);
        });
    }

    private static void row(PrintStream out, String what, int count, List<String> examples) {
        out.printf("  %-34s %d%n", what, count);
        examples.stream().limit(5).forEach(e -> out.printf("      %s%n", e));
    }

    private static void ledger(PrintStream out, String what, Verdict.Ledger ledger) {
        out.printf("  %-34s %s - %s = %s, completed orders %s: %s%n", what, ledger.done().toPlainString(),
                ledger.undone().toPlainString(), ledger.done().subtract(ledger.undone()).toPlainString(),
                ledger.completed().toPlainString(), ledger.balances() ? "balanced" : "NOT BALANCED");
    }

    /** Writes the report as JSON. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", passed());
        root.set("settings", JSON.valueToTree(Map.of("sagas", settings.sagas(), "rate", settings.rate(),
                "seed", settings.seed(), "brokers", settings.brokers(), "orchestrators", settings.orchestrators(),
                "services", settings.services(), "faultEveryMillis", settings.faultEvery().toMillis(),
                "sessionTimeoutMillis", settings.sessionTimeout().toMillis())));
        root.set("verdict", JSON.valueToTree(verdict));
        root.set("rebuild", JSON.valueToTree(rebuild));
        root.set("faults", JSON.valueToTree(faults));
        root.set("notSent", JSON.valueToTree(notSent));
        root.put("startupSeconds", startup.toSeconds());
        root.put("workSeconds", work.toSeconds());
        root.put("settleSeconds", settle.toSeconds());
        root.put("longestGapMillis", longestGapMillis);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
