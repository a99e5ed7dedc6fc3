package dev.skald.orchestrator.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.StreamFailures;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a Kafka Streams state, and the recent failures of its threads, mean for the probes. {@code live}: the topology
 * runs or is rebalancing and is not stalled (its threads did not fail {@link StreamFailures#STALLED_AFTER} times
 * lately), so the instance works or will shortly ({@code ERROR}, {@code PENDING_ERROR}, {@code PENDING_SHUTDOWN},
 * {@code NOT_RUNNING} and {@code CREATED} are down). {@code ready}: it runs, answers for its partitions and no thread
 * failed within {@link StreamFailures#NOT_READY_FOR} ({@code RUNNING} only; while {@code REBALANCING} it is up but not
 * ready).
 *
 * @param state  the Kafka Streams state
 * @param live   whether the instance is up
 * @param ready  whether it is up, not rebalancing and not failing
 * @param reason why it is not ready, or null
 */
public record StreamsHealth(KafkaStreams.State state, boolean live, boolean ready, String reason) {

    /** The health of an instance in this state with no recent failures. */
    public static StreamsHealth of(KafkaStreams.State state) {
        return of(state, new StreamFailures(), Instant.now());
    }

    /** The health of an instance in this state with these failures, at {@code now}. */
    public static StreamsHealth of(KafkaStreams.State state, StreamFailures failures, Instant now) {
        Optional<String> stalled = failures.stalledReason(now);
        Optional<String> failing = stalled.or(() -> failures.notReadyReason(now));
        boolean live = state.isRunningOrRebalancing() && stalled.isEmpty();
        boolean ready = live && state == KafkaStreams.State.RUNNING && failing.isEmpty();
        String reason = ready ? null : failing.orElse("Kafka Streams is " + state);
        return new StreamsHealth(state, live, ready, reason);
    }

    /** This health, not ready for {@code reason} when it is given and the instance would otherwise be ready. */
    public StreamsHealth notReadyIf(Optional<String> reason) {
        return ready && reason.isPresent() ? new StreamsHealth(state, live, false, reason.get()) : this;
    }

    /** This health with {@code detail} (what the instance is doing meanwhile) added to its reason, when not ready. */
    public StreamsHealth detailed(Optional<String> detail) {
        return ready || detail.isEmpty() ? this : new StreamsHealth(state, live, false, reason + " (" + detail.get() + ")");
    }

    /** {@code {"status": "UP"|"DOWN", "ready": true|false, "streams": "<state>", "reason"?: "..."}}. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", live ? "UP" : "DOWN").put("ready", ready)
                .put("streams", state.name());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
