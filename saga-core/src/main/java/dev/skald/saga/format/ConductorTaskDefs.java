package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Backoff;
import dev.skald.saga.definition.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Conductor task definitions (registered by name, or inline in a task's {@code taskDefinition}) as the retry policy
 * and timeouts of a Skald task step. Where a field is left out, Conductor's default applies: 3 retries, FIXED, 60 s
 * between attempts, a response timeout of 3600 s and no overall timeout.
 */
final class ConductorTaskDefs {
    private static final int DEFAULT_RETRY_COUNT = 3;
    private static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(60);
    private static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(3600);
    private static final long LONGEST_DELAY_SECONDS = Integer.MAX_VALUE;

    private final Map<String, JsonNode> registered;
    private final Problems problems;

    ConductorTaskDefs(Map<String, JsonNode> registered, Problems problems) {
        this.registered = Map.copyOf(registered);
        this.problems = problems;
    }

    /** Conductor's retry logics. */
    enum RetryLogic { FIXED, EXPONENTIAL_BACKOFF, LINEAR_BACKOFF }

    /**
     * The retry and timeouts of a step.
     *
     * @param timeout         the step's overall timeout, or null
     * @param responseTimeout the timeout of one attempt, or null
     */
    record Settings(RetryPolicy retry, Duration timeout, Duration responseTimeout) {
    }

    /**
     * The settings of a SIMPLE task: from its inline definition if it has one, else from the definition registered
     * under its name, else Conductor's defaults.
     *
     * @param task       the task's fields, whose {@code taskDefinition} and {@code retryCount} are read here
     * @param taskName   the task's name
     */
    Settings settingsOf(Fields task, String taskName) {
        Optional<Integer> retryCount = task.optional("retryCount", Values.COUNT);
        Optional<Fields> definition = task.object("taskDefinition");
        if (definition.isEmpty() && registered.containsKey(taskName)) {
            definition = Optional.of(Fields.lenient(registered.get(taskName), "taskDefs[" + taskName + "]", problems));
        }
        return definition.map(fields -> read(fields, retryCount))
                .orElseGet(() -> new Settings(retry(retryCount.orElse(DEFAULT_RETRY_COUNT), RetryLogic.FIXED,
                        DEFAULT_RETRY_DELAY, 1.0, Optional.empty()), null, DEFAULT_RESPONSE_TIMEOUT));
    }

    private static Settings read(Fields definition, Optional<Integer> retryCountOfTask) {
        Optional<Integer> retryCount = definition.optional("retryCount", Values.COUNT);
        RetryPolicy retry = retry(retryCountOfTask.or(() -> retryCount).orElse(DEFAULT_RETRY_COUNT),
                definition.optional("retryLogic", Values.oneOf(RetryLogic.class)).orElse(RetryLogic.FIXED),
                definition.optional("retryDelaySeconds", Values.SECONDS).orElse(DEFAULT_RETRY_DELAY),
                definition.optional("backoffScaleFactor", Values.NUMBER).orElse(1.0),
                definition.optional("maxRetryDelaySeconds", Values.SECONDS));
        Duration timeout = definition.optional("timeoutSeconds", Values.SECONDS).filter(d -> !d.isZero()).orElse(null);
        Duration responseTimeout = definition.optional("responseTimeoutSeconds", Values.SECONDS)
                .orElse(DEFAULT_RESPONSE_TIMEOUT);
        Conductor.acceptOnlyTimeOutWf(definition);
        definition.ignore("name", "description", "ownerEmail", "ownerApp", "createTime", "updateTime", "createdBy",
                "updatedBy", "inputKeys", "outputKeys", "pollTimeoutSeconds", "rateLimitFrequencyInSeconds");
        definition.rejectUnlessEmpty("a Conductor task definition", "concurrentExecLimit", "rateLimitPerFrequency",
                "inputTemplate", "isolationGroupId", "executionNameSpace");
        definition.rejectUnknown("a Conductor task definition");
        return new Settings(retry, timeout, responseTimeout.isZero() ? null : responseTimeout);
    }

    /**
     * Conductor's retry as a policy. Conductor waits {@code retryDelaySeconds} before each retry with FIXED,
     * {@code retryDelaySeconds * backoffScaleFactor * n} before retry n with LINEAR_BACKOFF, and doubles the delay
     * each time with EXPONENTIAL_BACKOFF (whatever the scale factor), without a cap unless
     * {@code maxRetryDelaySeconds} sets one.
     */
    static RetryPolicy retry(int retryCount, RetryLogic logic, Duration delay, double scale, Optional<Duration> cap) {
        Backoff backoff = switch (logic) {
            case FIXED -> Backoff.FIXED;
            case LINEAR_BACKOFF -> Backoff.LINEAR;
            case EXPONENTIAL_BACKOFF -> Backoff.EXPONENTIAL;
        };
        double multiplier = switch (logic) {
            case FIXED -> 1.0;
            case LINEAR_BACKOFF -> scale;
            case EXPONENTIAL_BACKOFF -> 2.0;
        };
        Duration maxDelay = cap.orElseGet(() -> longestDelay(backoff, delay, multiplier, retryCount));
        return new RetryPolicy(retryCount + 1, backoff, delay, multiplier, maxDelay, 0.0);
    }

    /** The delay before the last retry, which no cap shortens; at least the first delay. */
    private static Duration longestDelay(Backoff backoff, Duration delay, double multiplier, int retries) {
        double seconds = switch (backoff) {
            case FIXED -> delay.getSeconds();
            case LINEAR -> delay.getSeconds() * multiplier * retries;
            case EXPONENTIAL -> delay.getSeconds() * Math.pow(multiplier, Math.max(0, retries - 1));
        };
        long capped = (long) Math.ceil(Math.min(seconds, LONGEST_DELAY_SECONDS));
        return Duration.ofSeconds(Math.max(capped, delay.getSeconds()));
    }
}
