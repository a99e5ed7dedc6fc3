package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/state-machine.md is generated from {@link Transitions}; this test fails when the file is stale. Regenerate it
 * with {@code mvn -pl saga-core test -Dtest=StateDiagramDocTest -Dskald.docs.write=true}.
 */
class StateDiagramDocTest {
    private static final Path DOC = Path.of("..", "docs", "state-machine.md");

    @Test
    void theStateDiagramInDocsIsGeneratedFromTheTransitionTables() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("skald.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/state-machine.md is stale; regenerate it (see this test's javadoc)")
                .isEqualTo(expected);
    }

    static String render() {
        return "<!-- Generated from dev.skald.saga.machine.Transitions by StateDiagramDocTest; do not edit. -->\n"
                + "# The saga state machine\n\n"
                + "Every status change of a saga or a step is one row of these tables "
                + "(`saga-core/src/main/java/dev/skald/saga/machine/Transitions.java`). The machine refuses any "
                + "change that is not a row, and a test fails when a row is never exercised.\n\n"
                + "## Saga\n\n```mermaid\n" + Transitions.sagaDiagram() + "```\n\n" + table(Transitions.SAGA)
                + "\nA route is the guard of a failure: `COMPENSATE` when the failure policy is `compensate` and the "
                + "pivot has not completed; `STOP` for policy `fail` or after the pivot. A cancel always compensates, "
                + "and is refused once the pivot completed.\n\n"
                + "## Step\n\n```mermaid\n" + Transitions.stepDiagram() + "```\n\n" + table(Transitions.STEP)
                + "\nThe elements of a map step move along the same rows, each on its own: `PENDING` to `RUNNING` "
                + "(sent) to `COMPLETED`, through `RETRY_WAIT`, to `FAILED` or `CANCELLED`, and when undone "
                + "`COMPENSATING` to `COMPENSATED`. The map step itself is `RUNNING` until every element completed "
                + "(`SUCCESS`) or one failed for good (`BUSINESS_FAILURE`, `ATTEMPTS_EXHAUSTED`, `STEP_TIMEOUT`); a "
                + "failed map step keeps its status while its completed elements are compensated.\n\n"
                + "A saga timeout abandons the steps waiting on a reply (`RUNNING` to `CANCELLED` on `ABANDONED`). "
                + "A success reply to the abandoned attempt while the saga still compensates completes the step "
                + "(`LATE_SUCCESS`), so that it is compensated like the others; see docs/definitions.md, "
                + "\"Saga timeouts\".\n";
    }

    private static <S extends Enum<S>> String table(List<Transition<S>> rows) {
        StringBuilder out = new StringBuilder("| from | on | route | to |\n|---|---|---|---|\n");
        for (Transition<S> t : rows) {
            out.append("| ").append(t.from() == null ? "(start)" : "`" + t.from() + "`").append(" | `")
                    .append(t.trigger()).append("` | ").append(t.route() == Route.ALWAYS ? "" : "`" + t.route() + "`")
                    .append(" | `").append(t.to()).append("` |\n");
        }
        return out.toString();
    }
}
