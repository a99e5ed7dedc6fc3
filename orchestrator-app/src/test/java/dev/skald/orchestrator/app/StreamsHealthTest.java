package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.orchestrator.StreamFailures;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamsHealthTest {

    @Test
    void runningIsUpAndReady() {
        StreamsHealth health = StreamsHealth.of(State.RUNNING);

        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isTrue();
        assertThat(health.body().toString()).isEqualTo("{\"status\":\"UP\",\"ready\":true,\"streams\":\"RUNNING\"}");
    }

    @Test
    void whileStartingTheReasonSaysHowFarTheRestoreHasCome() {
        StreamsHealth health = StreamsHealth.of(State.REBALANCING)
                .detailed(java.util.Optional.of("restoring 10 of 40 records of 1 changelog partition"));

        assertThat(health.live()).isTrue();
        assertThat(health.reason()).isEqualTo("Kafka Streams is REBALANCING (restoring 10 of 40 records of 1 changelog"
                + " partition)");
        assertThat(StreamsHealth.of(State.RUNNING).detailed(java.util.Optional.of("x")).ready()).isTrue();
    }

    @Test
    void aContributorThatIsNotReadyMakesARunningInstanceNotReadyButKeepsItLive() {
        StreamsHealth health = StreamsHealth.of(State.RUNNING)
                .notReadyIf(java.util.Optional.of("the Conductor poll bridge is REBALANCING"));

        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("the Conductor poll bridge is REBALANCING");
        assertThat(StreamsHealth.of(State.RUNNING).notReadyIf(java.util.Optional.empty()).ready()).isTrue();
        assertThat(StreamsHealth.of(State.REBALANCING).notReadyIf(java.util.Optional.of("other")).reason())
                .isEqualTo("Kafka Streams is REBALANCING");
    }

    @Test
    void rebalancingIsUpButNotReady() {
        StreamsHealth health = StreamsHealth.of(State.REBALANCING);

        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"ERROR", "PENDING_ERROR", "PENDING_SHUTDOWN", "NOT_RUNNING", "CREATED"})
    void failedStoppingOrStoppedIsDown(State state) {
        StreamsHealth health = StreamsHealth.of(state);

        assertThat(health.live()).isFalse();
        assertThat(health.ready()).isFalse();
        assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
        assertThat(health.body().get("streams").asText()).isEqualTo(state.name());
    }

    @Test
    void aRecentThreadFailureMakesARunningInstanceNotReadyAndSaysWhy() {
        StreamFailures failures = new StreamFailures();
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        failures.record(new IllegalStateException("poison"), now.minusSeconds(10));

        StreamsHealth health = StreamsHealth.of(State.RUNNING, failures, now);

        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        assertThat(health.body().get("reason").asText()).contains("poison").contains("replaced");
        assertThat(StreamsHealth.of(State.RUNNING, failures, now.plus(StreamFailures.NOT_READY_FOR)).ready())
                .isTrue();
    }

    @Test
    void threadsThatKeepFailingMakeTheInstanceStalledAndDown() {
        StreamFailures failures = new StreamFailures();
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        for (int i = StreamFailures.STALLED_AFTER - 1; i >= 0; i--) {
            failures.record(new ArithmeticException("overflow " + i), now.minusSeconds(60L * i));
        }

        StreamsHealth health = StreamsHealth.of(State.RUNNING, failures, now);

        assertThat(health.live()).isFalse();
        assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
        assertThat(health.reason()).startsWith("stalled").contains("overflow 0");
        assertThat(StreamsHealth.of(State.RUNNING, failures, now.plus(StreamFailures.STALLED_WITHIN)).live())
                .isTrue();
    }
}
