package dev.skald.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.saga.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BoundsAndIdentifiersTest {

    private static SagaDefinition saga(String name, StepKind kind, Duration timeout) {
        return new SagaDefinition(name, 1, List.of(new StepDefinition("a", kind, List.of(), null, false, false)),
                timeout, null, null);
    }

    private static StepKind.Task task(RetryPolicy retry, Duration responseTimeout) {
        return new StepKind.Task("svc", "Do", Json.tree(Map.of()), retry, responseTimeout, null, null);
    }

    @Test
    void durationsLongerThanTenYearsAreProblemsNamingTheirPlace() {
        List<Problem> found = SagaDefinitions.validate(saga("s", task(null, Duration.ofDays(100_000)),
                Duration.ofSeconds(Long.MAX_VALUE / 2)));

        assertThat(found).extracting(Problem::place).containsExactlyInAnyOrder("timeout", "steps[a].responseTimeout");
        assertThat(found).allSatisfy(p -> assertThat(p.message()).contains("at most 3650 days"));
    }

    @Test
    void retryPoliciesAreBounded() {
        RetryPolicy wild = new RetryPolicy(1_000_000, Backoff.EXPONENTIAL, Duration.ofDays(5000), 1e9,
                Duration.ofDays(9000), 0.0);

        assertThat(SagaDefinitions.validate(saga("s", task(wild, null), null))).extracting(Problem::place)
                .contains("steps[a].retry.maxAttempts", "steps[a].retry.initialDelay", "steps[a].retry.maxDelay",
                        "steps[a].retry.multiplier");
    }

    @Test
    void definitionNamesHoldNoSeparatorsOfStoreKeys() {
        assertThat(SagaDefinitions.validate(saga("order/0000000001", task(null, null), null)))
                .extracting(Problem::place).containsExactly("name");
        assertThat(SagaDefinitions.validate(saga("order|x", task(null, null), null))).hasSize(1);
        assertThat(SagaDefinitions.validate(saga("order.v2_x-y", task(null, null), null))).isEmpty();
    }

    @Test
    void identifiersSayWhatIsWrong() {
        assertThat(Identifiers.SAGA_ID.problem("")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(Identifiers.SAGA_ID.problem("a".repeat(513))).hasValueSatisfying(p -> assertThat(p)
                .contains("at most 512"));
        assertThat(Identifiers.SAGA_ID.problem("a b")).hasValueSatisfying(p -> assertThat(p)
                .contains("'a b' is not a valid saga id"));
        assertThat(Identifiers.SAGA_ID.problem("parent/step/1")).isEmpty();
        assertThat(Identifiers.KEY.problem("ключ-1 ✓")).isEmpty();
        assertThat(Identifiers.KEY.problem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("\\u0000"));
        assertThatThrownBy(() -> Identifiers.STEP_ID.require("9x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starting with a letter");
    }

    @Test
    void timeArithmeticSaturatesInsteadOfOverflowing() {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");

        assertThat(Bounds.plus(now, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Bounds.LATEST);
        assertThat(Bounds.plus(Instant.MAX, Duration.ofDays(1))).isEqualTo(Bounds.LATEST);
        assertThat(Bounds.plus(now, Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Bounds.EARLIEST);
        assertThat(Bounds.plus(now, Duration.ofDays(1))).isEqualTo(now.plus(Duration.ofDays(1)));
    }

    @Property(tries = 500)
    void plusNeverThrowsAndStaysInRange(@ForAll long seconds, @ForAll long epochSecond) {
        Instant at = Instant.ofEpochSecond(Math.floorMod(epochSecond, Instant.MAX.getEpochSecond()));
        Instant due = Bounds.plus(at, Duration.ofSeconds(seconds));

        assertThat(due).isBetween(Bounds.EARLIEST, Bounds.LATEST);
        due.toEpochMilli();
    }
}
