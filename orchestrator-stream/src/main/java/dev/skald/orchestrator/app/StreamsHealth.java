package dev.skald.orchestrator.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a Kafka Streams state means for the probes. {@code live}: the topology runs or is rebalancing, so the instance
 * works or will shortly ({@code ERROR}, {@code PENDING_ERROR}, {@code PENDING_SHUTDOWN}, {@code NOT_RUNNING} and
 * {@code CREATED} are down). {@code ready}: it runs and answers for its partitions ({@code RUNNING} only; while
 * {@code REBALANCING} it is up but not ready).
 *
 * @param state the Kafka Streams state
 * @param live  whether the instance is up
 * @param ready whether it is up and not rebalancing
 */
public record StreamsHealth(KafkaStreams.State state, boolean live, boolean ready) {

    /** The health of an instance in this state. */
    public static StreamsHealth of(KafkaStreams.State state) {
        return new StreamsHealth(state, state.isRunningOrRebalancing(), state == KafkaStreams.State.RUNNING);
    }

    /** {@code {"status": "UP"|"DOWN", "ready": true|false, "streams": "<state>"}}. */
    public ObjectNode body() {
        return JsonNodeFactory.instance.objectNode().put("status", live ? "UP" : "DOWN").put("ready", ready)
                .put("streams", state.name());
    }
}
