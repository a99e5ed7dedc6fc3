package dev.skald.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.examples.FailureInjection.Mode;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandContext;
import dev.skald.saga.machine.CommandKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FailureInjectionTest {

    private static CommandContext context(String sagaId, String type, int attempt, CommandKind kind) {
        return new CommandContext(sagaId + ":s:" + attempt + ":" + kind, sagaId, "s", attempt, kind, "svc", type,
                Instant.EPOCH);
    }

    @Test
    void theSameSeedAlwaysDecidesTheSame() {
        FailureInjection a = FailureInjection.builder().seed(3).fail("Charge", Mode.TRANSIENT, 0.5).build();
        FailureInjection b = FailureInjection.builder().seed(3).fail("Charge", Mode.TRANSIENT, 0.5).build();

        for (int i = 0; i < 100; i++) {
            assertThat(a.decide("o-" + i, "Charge", 1, false)).isEqualTo(b.decide("o-" + i, "Charge", 1, false));
        }
    }

    @Test
    void failsAboutTheConfiguredShareOfCommands() {
        FailureInjection injection = FailureInjection.builder().fail("Charge", Mode.BUSINESS, 0.2).build();

        long failed = IntStream.range(0, 10_000)
                .filter(i -> injection.decide("o-" + i, "Charge", 1, false).isPresent()).count();

        assertThat(failed).isBetween(1_800L, 2_200L);
    }

    @Test
    void aBusinessFailureHoldsForEveryAttemptWhileATransientOneIsDrawnPerAttempt() {
        FailureInjection business = FailureInjection.builder().fail("Charge", Mode.BUSINESS, 0.5).build();
        FailureInjection transientOnly = FailureInjection.builder().fail("Charge", Mode.TRANSIENT, 0.5).build();

        for (int i = 0; i < 50; i++) {
            String saga = "o-" + i;
            assertThat(business.decide(saga, "Charge", 2, false)).isEqualTo(business.decide(saga, "Charge", 1, false));
        }
        assertThat(IntStream.range(0, 50).filter(i -> transientOnly.decide("o-" + i, "Charge", 1, false)
                .equals(transientOnly.decide("o-" + i, "Charge", 2, false)) == false).count()).isPositive();
    }

    @Test
    void aWildcardMatchesActionsButACompensationFailsOnlyWhenNamed() {
        FailureInjection wildcard = FailureInjection.builder().fail("*", Mode.BUSINESS, 1.0).build();
        FailureInjection named = FailureInjection.builder().fail("Refund", Mode.TRANSIENT, 1.0).build();

        assertThat(wildcard.decide("o", "Anything", 1, false)).contains(Mode.BUSINESS);
        assertThat(wildcard.decide("o", "Refund", 1, true)).isEmpty();
        assertThat(named.decide("o", "Refund", 1, true)).contains(Mode.TRANSIENT);
        assertThat(named.decide("o", "Charge", 1, false)).isEqualTo(Optional.empty());
    }

    @Test
    void applyThrowsTheDecidedFailure() {
        FailureInjection injection = FailureInjection.builder().fail("Charge", Mode.BUSINESS, 1.0)
                .fail("Ship", Mode.TRANSIENT, 1.0).build();

        assertThatThrownBy(() -> injection.apply(context("o", "Charge", 1, CommandKind.ACTION)))
                .isInstanceOf(BusinessFailureException.class)
                .hasMessage("injected business failure of Charge (attempt 1)");
        assertThatThrownBy(() -> injection.apply(context("o", "Ship", 2, CommandKind.ACTION)))
                .isInstanceOf(FailureInjection.InjectedTransientFailure.class)
                .hasMessage("injected transient failure of Ship (attempt 2)");
    }

    @Test
    void aSlowReplyWorksItsTimeThenSucceedsAndIsDrawnPerAttempt() throws InterruptedException {
        FailureInjection slow = FailureInjection.builder().fail("SendConfirmation", Mode.SLOW, 1.0)
                .slowReply(Duration.ofMillis(50)).build();
        FailureInjection half = FailureInjection.builder().fail("SendConfirmation", Mode.SLOW, 0.5).build();

        long begin = System.nanoTime();
        slow.apply(context("o", "SendConfirmation", 1, CommandKind.ACTION));

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(FailureInjection.Rule.parse("SendConfirmation:slow:0.1").mode()).isEqualTo(Mode.SLOW);
        assertThat(IntStream.range(0, 50).filter(i -> !half.decide("o-" + i, "SendConfirmation", 1, false)
                .equals(half.decide("o-" + i, "SendConfirmation", 2, false))).count()).isPositive();
    }

    @Test
    void rulesAreParsedFromTheCommandLineForm() {
        assertThat(FailureInjection.Rule.parse("CreateShipment:transient:0.25"))
                .isEqualTo(new FailureInjection.Rule("CreateShipment", Mode.TRANSIENT, 0.25));
        assertThatThrownBy(() -> FailureInjection.Rule.parse("Charge:0.2"))
                .hasMessageContaining("<commandType>:<business|transient|slow>:<rate>");
        assertThatThrownBy(() -> FailureInjection.Rule.parse("Charge:business:1.5"))
                .hasMessage("rate must be between 0 and 1, was 1.5");
    }
}
