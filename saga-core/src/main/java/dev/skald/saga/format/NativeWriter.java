package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.Durations;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.List;

/**
 * Writes a definition as a native document. Defaults are left out (a task's type, a dependency on the previous
 * step, retry fields equal to the default policy...), so that reading the document back gives an equal definition.
 */
final class NativeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NativeWriter() {
    }

    static ObjectNode write(SagaDefinition definition) {
        ObjectNode saga = NODES.objectNode();
        saga.put("name", definition.name());
        saga.put("version", definition.version());
        putDuration(saga, "timeout", definition.timeout());
        if (definition.failurePolicy() != FailurePolicy.COMPENSATE) {
            saga.put("onFailure", Values.lowerCase(definition.failurePolicy()));
        }
        putIfPresent(saga, "output", definition.output());
        definition.failureSagaIfAny().ifPresent(name -> saga.put("failureSaga", name));
        ArrayNode steps = saga.putArray("steps");
        String previous = null;
        for (StepDefinition step : definition.steps()) {
            steps.add(step(step, previous));
            previous = step.id();
        }
        return saga;
    }

    private static ObjectNode step(StepDefinition step, String previous) {
        ObjectNode out = NODES.objectNode();
        out.put("id", step.id());
        StepType type = StepType.of(step.kind());
        if (type != StepType.TASK) {
            out.put("type", Values.lowerCase(type));
        }
        if (!step.dependsOn().equals(previous == null ? List.of() : List.of(previous))) {
            step.dependsOn().forEach(out.putArray("dependsOn")::add);
        }
        if (step.when() != null) {
            out.put("when", step.when());
        }
        putIfTrue(out, "optional", step.optional());
        putIfTrue(out, "pivot", step.pivot());
        kind(out, step.kind());
        return out;
    }

    private static void kind(ObjectNode out, StepKind kind) {
        if (kind instanceof StepKind.Task task) {
            out.put("participant", task.participant());
            out.put("command", task.commandType());
            putInput(out, task.input());
            putRetry(out, task.retry(), RetryPolicy.DEFAULT);
            putDuration(out, "responseTimeout", task.responseTimeout());
            putDuration(out, "timeout", task.timeout());
            putCompensation(out, task.undo());
        } else if (kind instanceof StepKind.ForEach each) {
            map(out, each);
        } else if (kind instanceof StepKind.Publish publish) {
            out.put("topic", publish.topic());
            if (publish.key() != null) {
                out.put("key", publish.key());
            }
            out.set("value", publish.value().deepCopy());
            if (!publish.headers().isEmpty()) {
                ObjectNode headers = out.putObject("headers");
                new java.util.TreeMap<>(publish.headers()).forEach(headers::put);
            }
        } else if (kind instanceof StepKind.Wait wait) {
            putDuration(out, "duration", wait.duration());
        } else if (kind instanceof StepKind.AwaitEvent event) {
            out.put("event", event.eventType());
            if (event.correlationKey() != null) {
                out.put("correlationKey", event.correlationKey());
            }
            putDuration(out, "timeout", event.timeout());
        } else if (kind instanceof StepKind.SubSaga sub) {
            out.put("definition", sub.definition());
            if (sub.version() != null) {
                out.put("version", sub.version());
            }
            putInput(out, sub.input());
            putDuration(out, "timeout", sub.timeout());
            putCompensation(out, sub.undo());
        } else if (kind instanceof StepKind.Terminate terminate) {
            out.put("outcome", Values.lowerCase(terminate.outcome()));
            putIfPresent(out, "output", terminate.output());
            if (terminate.reason() != null) {
                out.put("reason", terminate.reason());
            }
        }
    }

    private static void map(ObjectNode out, StepKind.ForEach each) {
        out.put("items", each.items());
        if (each.concurrency() != StepKind.ForEach.DEFAULT_CONCURRENCY) {
            out.put("concurrency", each.concurrency());
        }
        out.put("participant", each.participant());
        out.put("command", each.commandType());
        putInput(out, each.input());
        putRetry(out, each.retry(), RetryPolicy.DEFAULT);
        putDuration(out, "responseTimeout", each.responseTimeout());
        putDuration(out, "timeout", each.timeout());
        putCompensation(out, each.undo());
    }

    private static void putCompensation(ObjectNode step, Compensation undo) {
        if (undo == null) {
            return;
        }
        ObjectNode out = step.putObject("compensation");
        out.put("participant", undo.participant());
        out.put("command", undo.commandType());
        putInput(out, undo.input());
        putRetry(out, undo.retry(), RetryPolicy.DEFAULT_COMPENSATION);
        putDuration(out, "responseTimeout", undo.responseTimeout());
    }

    /** Only the fields that differ from {@code base}, which is what a left-out field means. */
    private static void putRetry(ObjectNode owner, RetryPolicy retry, RetryPolicy base) {
        if (retry.equals(base)) {
            return;
        }
        ObjectNode out = owner.putObject("retry");
        if (retry.maxAttempts() != base.maxAttempts()) {
            out.put("maxAttempts", retry.maxAttempts());
        }
        if (retry.backoff() != base.backoff()) {
            out.put("backoff", Values.lowerCase(retry.backoff()));
        }
        if (!retry.initialDelay().equals(base.initialDelay())) {
            putDuration(out, "initialDelay", retry.initialDelay());
        }
        if (Double.compare(retry.multiplier(), base.multiplier()) != 0) {
            out.put("multiplier", retry.multiplier());
        }
        if (!retry.maxDelay().equals(base.maxDelay())) {
            putDuration(out, "maxDelay", retry.maxDelay());
        }
        if (Double.compare(retry.jitter(), base.jitter()) != 0) {
            out.put("jitter", retry.jitter());
        }
    }

    /** An empty input mapping is what a left-out one means. */
    private static void putInput(ObjectNode out, JsonNode input) {
        if (!(input.isObject() && input.isEmpty())) {
            out.set("input", input.deepCopy());
        }
    }

    private static void putIfPresent(ObjectNode out, String key, JsonNode value) {
        if (value != null) {
            out.set(key, value.deepCopy());
        }
    }

    private static void putDuration(ObjectNode out, String key, Duration duration) {
        if (duration != null) {
            out.put(key, Durations.format(duration));
        }
    }

    private static void putIfTrue(ObjectNode out, String key, boolean value) {
        if (value) {
            out.put(key, true);
        }
    }
}
