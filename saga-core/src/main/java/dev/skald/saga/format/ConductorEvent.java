package dev.skald.saga.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.StepKind;
import java.util.Map;
import java.util.Optional;

/**
 * A Conductor EVENT task whose sink is a Kafka topic ({@code "sink": "kafka:orders.events"}) as a publish step.
 * The record's value is Conductor's event payload: the task's input parameters and its {@code sink} (Conductor's
 * task mapper adds the sink to the input), then {@code workflowInstanceId},
 * {@code workflowType}, {@code workflowVersion} and {@code correlationId} (which win over input parameters of the same
 * name, as in Conductor). The record is keyed by the saga id, so that one saga's events keep their order. Conductor's
 * other sinks ({@code conductor}, {@code sqs}, {@code nats}, {@code amqp}...) are queues Skald does not have.
 */
final class ConductorEvent {
    static final String KAFKA_SINK = "kafka:";

    private ConductorEvent() {
    }

    /**
     * The publish step of an EVENT task.
     *
     * @param workflow the workflow the task belongs to, whose name and version go into the payload
     */
    static StepKind publish(Fields task, Workflow workflow) {
        String sink = task.required("sink", Values.TEXT).orElse("");
        Optional<String> topic = topicOf(task, sink);
        if (topic.isEmpty()) {
            return Problems.PLACEHOLDER_KIND;
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        task.optional("inputParameters", Values.OBJECT).ifPresent(input -> value.setAll((ObjectNode) input.deepCopy()));
        value.put("sink", sink);
        value.put("workflowInstanceId", "${workflow.workflowId}");
        value.put("workflowType", workflow.name());
        value.put("workflowVersion", workflow.version());
        value.put("correlationId", "${workflow.correlationId}");
        return new StepKind.Publish(topic.get(), "${workflow.workflowId}", value, Map.of());
    }

    /** The topic of a {@code kafka:} sink; empty (after reporting) for any other sink. */
    private static Optional<String> topicOf(Fields task, String sink) {
        if (sink.contains("${")) {
            task.problem("sink", Conductor.unsupported("an EVENT sink computed from an expression ('" + sink + "')")
                    + "; name the topic, as in kafka:orders.events");
            return Optional.empty();
        }
        if (!sink.startsWith(KAFKA_SINK) || sink.length() == KAFKA_SINK.length()) {
            task.problem("sink", Conductor.unsupported("the EVENT sink '" + sink + "'")
                    + "; Skald publishes events to Kafka topics: use kafka:<topic>");
            return Optional.empty();
        }
        return Optional.of(sink.substring(KAFKA_SINK.length()));
    }

    /**
     * The workflow being converted, as an EVENT payload names it.
     *
     * @param name    the workflow's name ({@code workflowType})
     * @param version the workflow's version ({@code workflowVersion})
     */
    record Workflow(String name, int version) {
    }
}
