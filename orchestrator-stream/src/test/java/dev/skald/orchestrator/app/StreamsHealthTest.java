package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

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
}
