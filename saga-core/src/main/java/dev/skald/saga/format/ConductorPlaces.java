package dev.skald.saga.format;

import dev.skald.saga.definition.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the places of semantic problems ({@code steps[charge].input.amount}) into the workflow's own terms
 * ({@code tasks[1](charge).inputParameters.amount}), so that every problem points into the document the user wrote.
 */
final class ConductorPlaces implements UnaryOperator<Problem> {
    private static final Pattern STEP = Pattern.compile("steps\\[([^]]*)](.*)");
    /** Step fields and the task fields they come from. */
    private static final Map<String, String> FIELDS = Map.of(".id", ".taskReferenceName", ".input", ".inputParameters",
            ".participant", ".name", ".command", ".name", ".duration", ".inputParameters.duration",
            ".output", ".inputParameters.workflowOutput", ".definition", ".subWorkflowParam.name",
            ".version", ".subWorkflowParam.version", ".items", ".inputParameters.forkTaskInputs");
    private static final Map<String, String> SAGA_FIELDS = Map.of("output", "outputParameters", "timeout",
            "timeoutSeconds", "steps", "tasks", "failureSaga", "failureWorkflow");

    private final List<String> byIndex = new ArrayList<>();
    private final Map<String, String> byId = new HashMap<>();

    /** Records the place of the next step, in step order. */
    void add(String stepId, String taskPlace) {
        byIndex.add(taskPlace);
        byId.putIfAbsent(stepId, taskPlace);
    }

    @Override
    public Problem apply(Problem problem) {
        Matcher step = STEP.matcher(problem.place());
        if (step.matches()) {
            String task = task(step.group(1));
            return task == null ? problem : new Problem(task + field(step.group(2)), problem.message());
        }
        return new Problem(field(problem.place(), SAGA_FIELDS), problem.message());
    }

    private String task(String key) {
        if (key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
            int index = Integer.parseInt(key);
            return index < byIndex.size() ? byIndex.get(index) : null;
        }
        return byId.get(key);
    }

    private static String field(String rest) {
        return field(rest, FIELDS);
    }

    /** Renames the first segment of a place when it is one of {@code names}. */
    private static String field(String place, Map<String, String> names) {
        for (Map.Entry<String, String> name : names.entrySet()) {
            String from = name.getKey();
            if (place.equals(from) || place.startsWith(from + ".") || place.startsWith(from + "[")) {
                return name.getValue() + place.substring(from.length());
            }
        }
        return place;
    }
}
