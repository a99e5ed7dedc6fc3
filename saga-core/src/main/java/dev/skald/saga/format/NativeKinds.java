package dev.skald.saga.format;

import dev.skald.saga.definition.HttpStep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;

/**
 * Reads the type-specific fields of a native step into its {@link StepKind}. A required field that is missing or
 * unreadable becomes a placeholder ({@code ""}, zero) that semantic validation would reject at the same place, where
 * the structural problem already stands.
 */
final class NativeKinds {
    private NativeKinds() {
    }

    /** The kind of a step of this type, from its fields. */
    static StepKind read(StepType type, Fields step) {
        return switch (type) {
            case TASK -> task(step);
            case HTTP -> http(step);
            case MAP -> map(step);
            case PUBLISH -> new StepKind.Publish(text(step, "topic"), step.optional("key", Values.TEXT).orElse(null),
                    step.required("value", Values.MAPPING).orElse(null),
                    step.object("headers").map(HttpRequests::textObject).orElse(null));
            case WAIT -> new StepKind.Wait(step.required("duration", Values.DURATION).orElse(Duration.ZERO));
            case EVENT -> new StepKind.AwaitEvent(text(step, "event"),
                    step.optional("correlationKey", Values.TEXT).orElse(null), duration(step, "timeout"));
            case SAGA -> new StepKind.SubSaga(text(step, "definition"), step.optional("version", Values.INT).orElse(null),
                    mapping(step, "input"), duration(step, "timeout"), compensation(step));
            case TERMINATE -> terminate(step);
        };
    }

    private static StepKind task(Fields step) {
        return new StepKind.Task(text(step, "participant"), text(step, "command"), mapping(step, "input"),
                retry(step, RetryPolicy.DEFAULT), duration(step, "responseTimeout"), duration(step, "timeout"),
                compensation(step));
    }

    /** A map step: one command per element of {@code items}, {@code concurrency} at a time. */
    private static StepKind map(Fields step) {
        return new StepKind.ForEach(text(step, "items"), step.optional("concurrency", Values.INT).orElse(null),
                text(step, "participant"), text(step, "command"), mapping(step, "input"),
                retry(step, RetryPolicy.DEFAULT), duration(step, "responseTimeout"), duration(step, "timeout"),
                compensation(step));
    }

    /** An http step: a task of the built-in http participant whose input is the request. */
    private static StepKind http(Fields step) {
        return new StepKind.Task(HttpStep.PARTICIPANT, HttpStep.COMMAND, HttpRequests.read(step),
                retry(step, RetryPolicy.DEFAULT), duration(step, "responseTimeout"), duration(step, "timeout"),
                compensation(step));
    }

    private static StepKind terminate(Fields step) {
        StepKind.Terminate.Outcome outcome = step.required("outcome", Values.oneOf(StepKind.Terminate.Outcome.class))
                .orElse(StepKind.Terminate.Outcome.COMPLETED);
        return new StepKind.Terminate(outcome, mapping(step, "output"), step.optional("reason", Values.TEXT).orElse(null));
    }

    private static Compensation compensation(Fields step) {
        return step.object("compensation").map(undo -> {
            boolean http = undo.has("request");
            Compensation compensation = new Compensation(
                    http ? HttpStep.PARTICIPANT : text(undo, "participant"),
                    http ? HttpStep.COMMAND : text(undo, "command"),
                    http ? HttpRequests.read(undo) : mapping(undo, "input"),
                    retry(undo, RetryPolicy.DEFAULT_COMPENSATION), duration(undo, "responseTimeout"));
            undo.rejectUnknown("a compensation");
            return compensation;
        }).orElse(null);
    }

    /** The {@code retry} field of a step or compensation; each field left out takes its value from {@code base}. */
    private static RetryPolicy retry(Fields owner, RetryPolicy base) {
        return owner.object("retry").map(retry -> {
            RetryPolicy policy = new RetryPolicy(
                    retry.optional("maxAttempts", Values.INT).orElse(base.maxAttempts()),
                    retry.optional("backoff", Values.oneOf(Backoff.class)).orElse(base.backoff()),
                    retry.optional("initialDelay", Values.DURATION).orElse(base.initialDelay()),
                    retry.optional("multiplier", Values.NUMBER).orElse(base.multiplier()),
                    retry.optional("maxDelay", Values.DURATION).orElse(base.maxDelay()),
                    retry.optional("jitter", Values.NUMBER).orElse(base.jitter()));
            retry.rejectUnknown("a retry policy");
            return policy;
        }).orElse(base);
    }

    private static String text(Fields fields, String key) {
        return fields.required(key, Values.TEXT).orElse("");
    }

    private static Duration duration(Fields fields, String key) {
        return fields.optional(key, Values.DURATION).orElse(null);
    }

    private static JsonNode mapping(Fields fields, String key) {
        return fields.optional(key, Values.MAPPING).orElse(null);
    }
}
