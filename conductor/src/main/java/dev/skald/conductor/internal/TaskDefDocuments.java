package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import java.util.List;
import java.util.Set;

/**
 * Checks a Conductor {@code TaskDef} document as Conductor's validation does (a name, counts and timeouts within
 * their bounds, known enum values), plus Skald's rule that a task name names a Kafka topic; and reads its settings.
 */
final class TaskDefDocuments {
    private static final Set<String> RETRY_LOGICS = Set.of("FIXED", "EXPONENTIAL_BACKOFF", "LINEAR_BACKOFF");
    private static final Set<String> TIMEOUT_POLICIES = Set.of("RETRY", "TIME_OUT_WF", "ALERT_ONLY");

    private TaskDefDocuments() {
    }

    /** Adds a problem at {@code place} for each rule {@code taskDef} breaks. */
    static void check(JsonNode taskDef, String place, List<Problem> problems) {
        if (taskDef == null || !taskDef.isObject()) {
            problems.add(new Problem(place, "a TaskDef must be a JSON object"));
            return;
        }
        JsonNode name = taskDef.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            problems.add(new Problem(place + ".name", "TaskDef name cannot be null or empty"));
        } else {
            Identifiers.PARTICIPANT.problem(name.asText()).ifPresent(p -> problems.add(new Problem(place + ".name",
                    "TaskDef name " + p + " (Skald sends the task's commands to a topic named after it)")));
        }
        atLeast(taskDef, "retryCount", 0, place, problems);
        atLeast(taskDef, "timeoutSeconds", 0, place, problems);
        atLeast(taskDef, "responseTimeoutSeconds", 1, place, problems);
        atLeast(taskDef, "pollTimeoutSeconds", 0, place, problems);
        atLeast(taskDef, "retryDelaySeconds", 0, place, problems);
        atLeast(taskDef, "totalTimeoutSeconds", 0, place, problems);
        atLeast(taskDef, "backoffScaleFactor", 1, place, problems);
        atLeast(taskDef, "maxRetryDelaySeconds", 0, place, problems);
        oneOf(taskDef, "retryLogic", RETRY_LOGICS, place, problems);
        oneOf(taskDef, "timeoutPolicy", TIMEOUT_POLICIES, place, problems);
        long timeout = taskDef.path("timeoutSeconds").asLong(0);
        long response = taskDef.path("responseTimeoutSeconds").asLong(3600);
        if (timeout > 0 && response > timeout) {
            problems.add(new Problem(place + ".responseTimeoutSeconds", "TaskDef: " + taskDef.path("name").asText()
                    + " responseTimeoutSeconds: " + response + " must be less than timeoutSeconds: " + timeout));
        }
    }

    /** The settings of a checked TaskDef, Conductor's defaults where a field is left out. */
    static TaskSettings settings(JsonNode taskDef) {
        TaskSettings defaults = TaskSettings.defaults(taskDef.path("name").asText());
        return new TaskSettings(defaults.name(), taskDef.path("retryCount").asInt(defaults.retryCount()),
                taskDef.path("retryLogic").asText(defaults.retryLogic()),
                taskDef.path("retryDelaySeconds").asLong(defaults.retryDelaySeconds()),
                taskDef.path("timeoutSeconds").asLong(defaults.timeoutSeconds()),
                taskDef.path("responseTimeoutSeconds").asLong(defaults.responseTimeoutSeconds()),
                taskDef.path("pollTimeoutSeconds").asLong(defaults.pollTimeoutSeconds()));
    }

    private static void atLeast(JsonNode taskDef, String field, long min, String place, List<Problem> problems) {
        JsonNode value = taskDef.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            problems.add(new Problem(place + "." + field, "TaskDef " + field + ": must be a whole number"));
        } else if (value.asLong() < min || value.asLong() > Integer.MAX_VALUE) {
            problems.add(new Problem(place + "." + field, "TaskDef " + field + ": " + value.asText() + " must be >= "
                    + min + " and at most " + Integer.MAX_VALUE));
        }
    }

    private static void oneOf(JsonNode taskDef, String field, Set<String> allowed, String place,
                              List<Problem> problems) {
        JsonNode value = taskDef.get(field);
        if (value != null && !value.isNull() && (!value.isTextual() || !allowed.contains(value.asText()))) {
            problems.add(new Problem(place + "." + field, "TaskDef " + field + ": " + value + " is not one of "
                    + allowed.stream().sorted().toList()));
        }
    }
}
