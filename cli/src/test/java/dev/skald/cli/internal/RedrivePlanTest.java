package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.orchestrator.SkaldTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** A redrive writes back only to Skald's input topics, or to a topic the operator named; it refuses the rest. */
class RedrivePlanTest {
    private static final RedriveTargets INPUTS_ONLY = RedriveTargets.of(SkaldTopics.DEFAULT, List.of());

    private static DeadLetter from(long offset, String topic) {
        List<Header> headers = new ArrayList<>(List.of(
                new RecordHeader("skald.dlq.kind", "REJECTED".getBytes(StandardCharsets.UTF_8))));
        if (topic != null) {
            headers.add(new RecordHeader("skald.dlq.topic", topic.getBytes(StandardCharsets.UTF_8)));
        }
        return new DeadLetter(0, offset, Instant.EPOCH, "s".getBytes(StandardCharsets.UTF_8), new byte[0], headers);
    }

    @Test
    void reDrivesToEveryInputTopicOfTheOrchestrator() {
        List<DeadLetter> letters = SkaldTopics.DEFAULT.inputs().stream()
                .map(topic -> from(SkaldTopics.DEFAULT.inputs().indexOf(topic), topic)).toList();

        Redriver.Result plan = Redriver.Result.plan(letters, Set.of(), INPUTS_ONLY);

        assertThat(plan.redriven()).containsExactlyElementsOf(letters);
        assertThat(plan.refused()).isEmpty();
    }

    @Test
    void refusesAnyOtherTopicAndSaysWhy() {
        DeadLetter hostile = from(1, "payments.ledger");
        DeadLetter otherInstallation = from(2, "other.saga-starts");
        DeadLetter history = from(3, "skald.saga-events");

        Redriver.Result plan = Redriver.Result.plan(List.of(hostile, otherInstallation, history), Set.of(),
                INPUTS_ONLY);

        assertThat(plan.redriven()).isEmpty();
        assertThat(plan.refused()).extracting(Redriver.Refusal::letter)
                .containsExactly(hostile, otherInstallation, history);
        assertThat(plan.refused().get(0).reason()).isEqualTo("skald.dlq.topic 'payments.ledger' is not one of "
                + "Skald's input topics; re-drive to it only by naming it with --allow-topic");
    }

    @Test
    void reDrivesToATopicTheOperatorAllowed() {
        DeadLetter command = from(1, "skald.commands.payment");
        DeadLetter other = from(2, "skald.commands.inventory");

        Redriver.Result plan = Redriver.Result.plan(List.of(command, other), Set.of(),
                RedriveTargets.of(SkaldTopics.DEFAULT, List.of("skald.commands.payment")));

        assertThat(plan.redriven()).containsExactly(command);
        assertThat(plan.refused()).extracting(Redriver.Refusal::letter).containsExactly(other);
    }

    @Test
    void theInputTopicsFollowThePrefix() {
        RedriveTargets prefixed = RedriveTargets.of(new SkaldTopics("acme."), List.of());

        assertThat(prefixed.refusal("acme.saga-replies")).isEmpty();
        assertThat(prefixed.refusal("skald.saga-replies")).isPresent();
    }

    @Test
    void skipsWhatTheLedgerListsAndLeavesLettersWithoutOriginAlone() {
        DeadLetter done = from(1, "elsewhere");
        DeadLetter orphan = from(2, null);
        DeadLetter todo = from(3, "skald.saga-starts");

        Redriver.Result plan = Redriver.Result.plan(List.of(done, orphan, todo), Set.of(done.id()), INPUTS_ONLY);

        assertThat(plan.alreadyRedriven()).containsExactly(done);
        assertThat(plan.withoutOrigin()).containsExactly(orphan);
        assertThat(plan.redriven()).containsExactly(todo);
        assertThat(plan.refused()).isEmpty();
    }

    @Test
    void aRefusalQuotesAHostileTopicEscaped() {
        assertThat(INPUTS_ONLY.refusal("x\u001b]0;pwned\u0007")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'x\\u001b]0;pwned\\u0007'").doesNotContain("\u001b"));
    }
}
