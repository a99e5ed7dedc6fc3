package dev.skald.saga.format;

import dev.skald.saga.definition.StepKind;
import java.util.Map;

/**
 * A Conductor KAFKA_PUBLISH task as a publish step: its {@code kafka_request}'s {@code topic}, {@code key},
 * {@code value} and {@code headers}. Skald publishes to its own cluster, in the orchestrator's transaction, so the
 * request's client settings ({@code bootStrapServers}, timeouts, serializer) are not used.
 */
final class ConductorKafka {
    private static final String[] CLIENT_SETTINGS = {"bootStrapServers", "requestTimeoutMs", "maxBlockMs",
        "keySerializer"};

    private ConductorKafka() {
    }

    static StepKind publish(Fields inputParameters) {
        Fields request = inputParameters.requiredObject("kafka_request");
        String topic = request.required("topic", Values.TEXT).orElse("");
        if (topic.contains("${")) {
            request.problem("topic", Conductor.unsupported("a KAFKA_PUBLISH topic computed from an expression ('"
                    + topic + "')") + "; name the topic");
        }
        String key = request.optional("key", Values.TEXT).orElse(null);
        StepKind.Publish publish = new StepKind.Publish(topic, key,
                request.required("value", Values.MAPPING).orElse(null),
                request.object("headers").map(HttpRequests::textObject).orElse(Map.of()));
        request.ignore(CLIENT_SETTINGS);
        request.rejectUnknown("the kafka_request of a Conductor KAFKA_PUBLISH task");
        inputParameters.rejectUnknown("the inputParameters of a Conductor KAFKA_PUBLISH task");
        return publish;
    }
}
