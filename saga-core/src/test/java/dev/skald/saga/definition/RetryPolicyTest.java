package dev.skald.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void exponentialBackoffDoublesUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4, 0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void linearBackoffGrowsByTheScaledInitialDelay() {
        RetryPolicy policy = RetryPolicy.linear(10, Duration.ofSeconds(2), Duration.ofMinutes(1)).withMultiplier(1.5);

        assertThat(policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void fixedBackoffAlwaysWaitsTheSame() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(7));

        assertThat(policy.delayAfter(1, 0)).isEqualTo(policy.delayAfter(2, 99));
    }

    @Test
    void jitterIsDeterministicPerSeedAndStaysWithinItsFraction() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(10)).withJitter(0.2);

        for (long seed = 0; seed < 1000; seed++) {
            Duration d = policy.delayAfter(1, seed);
            assertThat(d).isEqualTo(policy.delayAfter(1, seed));
            assertThat(d.toMillis()).isBetween(8_000L, 12_000L);
        }
        assertThat(policy.delayAfter(1, 1)).isNotEqualTo(policy.delayAfter(1, 2));
    }
}
