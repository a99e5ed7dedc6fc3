package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Conductor's task lists into Skald steps. A list runs in order, so each step depends on what ended before it.
 * Control-flow tasks become no step but shape the dependencies: the branches of a FORK_JOIN start together after the
 * fork's predecessors and its JOIN waits for their ends (or its {@code joinOn}); the cases of a SWITCH or DECISION
 * start after the switch's predecessors with a {@code when} condition each, and what follows the switch waits for
 * the predecessors and the ends of every case.
 */
final class ConductorTasks {
    /** Every field a Conductor task may have; those a task type does not use must be empty. */
    private static final String[] TASK_FIELDS = {"inputParameters", "optional", "taskDefinition", "retryCount",
        "decisionCases", "defaultCase", "forkTasks", "joinOn", "caseValueParam", "caseExpression", "evaluatorType",
        "expression", "subWorkflowParam", "dynamicTaskNameParam", "dynamicForkTasksParam",
        "dynamicForkTasksInputParamName", "dynamicForkJoinTasksParam", "scriptExpression", "sink", "startDelay",
        "asyncComplete", "loopCondition", "loopOver", "defaultExclusiveJoinTask", "rateLimited", "permissive",
        "onStateChange", "cacheConfig", ConductorCompensation.FIELD};

    private final Problems problems;
    private final ConductorSteps kinds;
    private final List<StepDefinition> steps = new ArrayList<>();
    private final ConductorPlaces places = new ConductorPlaces();
    /** What waiting for a task means: for a step, the step; for a control-flow task, the ends of its branches. */
    private final Map<String, List<String>> endsByRef = new HashMap<>();
    private final List<String> refsInOrder = new ArrayList<>();

    ConductorTasks(ConductorTaskDefs taskDefs, ConductorEvent.Workflow workflow, Problems problems) {
        this.problems = problems;
        this.kinds = new ConductorSteps(taskDefs, workflow);
    }

    /**
     * Where a list of tasks starts: after these steps, under this condition.
     *
     * @param after the steps the list's first task depends on
     * @param when  the condition of every step in the list, or null
     */
    record Flow(List<String> after, String when) {
        static final Flow START = new Flow(List.of(), null);

        Flow after(List<String> ends) {
            return new Flow(ends, when);
        }
    }

    List<StepDefinition> steps() {
        return List.copyOf(steps);
    }

    ConductorPlaces places() {
        return places;
    }

    /** Compiles tasks that run one after another; returns the steps that end the list. */
    List<String> sequence(List<JsonNode> tasks, String listPlace, Flow flow) {
        List<String> ends = flow.after();
        for (int i = 0; i < tasks.size(); i++) {
            Fields task = fields(tasks, i, listPlace);
            Optional<String> type = task.isObject() ? typeOf(task) : Optional.empty();
            if (type.isEmpty()) {
                continue;
            }
            if (type.get().equals("FORK_JOIN") || type.get().equals("FORK_JOIN_DYNAMIC")) {
                boolean joined = i + 1 < tasks.size() && isJoin(tasks.get(i + 1));
                Optional<Fields> join = joined ? Optional.of(fields(tasks, i + 1, listPlace)) : Optional.empty();
                ends = type.get().equals("FORK_JOIN") ? fork(task, flow.after(ends), join)
                        : dynamicFork(task, flow.after(ends), join);
                i += joined ? 1 : 0;
            } else {
                ends = single(type.get(), task, flow.after(ends));
            }
        }
        return ends;
    }

    private List<String> single(String type, Fields task, Flow flow) {
        if (ConductorSteps.isStep(type)) {
            return step(type, task, flow);
        }
        if (type.equals("SWITCH") || type.equals("DECISION")) {
            return switchCases(type, task, flow);
        }
        if (type.equals("JOIN")) {
            task.problem("type", "a JOIN must follow a FORK_JOIN");
            return flow.after();
        }
        task.problem("type", Conductor.unsupported("Conductor task type " + type));
        return placeholder(task, flow);
    }

    /**
     * A step standing in for a task of an unsupported type, so that the tasks referring to it or following it are
     * validated as if it were supported; the task's own fields are not looked at.
     */
    private List<String> placeholder(Fields task, Flow flow) {
        Optional<String> id = task.optional("taskReferenceName", Values.TEXT).filter(r -> register(task, r, List.of(r)));
        id.ifPresent(stepId -> addStep(new StepDefinition(stepId, Problems.PLACEHOLDER_KIND, flow.after(), flow.when(),
                false, false), task));
        return id.map(List::of).orElse(flow.after());
    }

    private List<String> step(String type, Fields task, Flow flow) {
        Optional<String> ref = common(task);
        String name = task.required("name", Values.TEXT).orElse("");
        boolean optional = task.optional("optional", Values.BOOLEAN).orElse(false);
        StepKind kind = kinds.kindOf(type, task, name, ref.orElse(""));
        finish(task, type);
        Optional<String> id = ref.filter(r -> register(task, r, List.of(r)));
        id.ifPresent(stepId -> addStep(new StepDefinition(stepId, kind, flow.after(), flow.when(), optional, false), task));
        return id.map(List::of).orElse(flow.after());
    }

    private void addStep(StepDefinition step, Fields task) {
        steps.add(step);
        places.add(step.id(), task.place());
    }

    private List<String> fork(Fields fork, Flow flow, Optional<Fields> join) {
        Optional<String> ref = common(fork);
        fork.required("name", Values.TEXT);
        int firstInside = refsInOrder.size();
        List<String> branchEnds = new ArrayList<>();
        List<JsonNode> branches = fork.elements("forkTasks", true).orElse(List.of());
        for (int b = 0; b < branches.size(); b++) {
            String branchPlace = fork.placeOf("forkTasks[" + b + "]");
            if (branches.get(b).isArray()) {
                branchEnds.addAll(sequence(elements(branches.get(b)), branchPlace, flow));
            } else {
                problems.add(branchPlace, "must be an array of tasks, was " + Values.describe(branches.get(b)));
            }
        }
        finish(fork, "FORK_JOIN");
        List<String> ends = branchEnds.isEmpty() ? flow.after() : distinct(branchEnds);
        if (join.isEmpty()) {
            fork.problem("a FORK_JOIN must be followed by a JOIN");
        }
        Set<String> inside = new LinkedHashSet<>(refsInOrder.subList(firstInside, refsInOrder.size()));
        List<String> joined = join.map(j -> join(j, inside, ends)).orElse(ends);
        ref.ifPresent(id -> register(fork, id, joined));
        return joined;
    }

    /**
     * A FORK_JOIN_DYNAMIC becomes one map step ({@link ConductorSteps#dynamicFork}); its JOIN waits for that step,
     * whose output is the array of the forked tasks' outputs.
     */
    private List<String> dynamicFork(Fields task, Flow flow, Optional<Fields> join) {
        Optional<String> ref = common(task);
        task.required("name", Values.TEXT);
        boolean optional = task.optional("optional", Values.BOOLEAN).orElse(false);
        StepKind kind = kinds.dynamicFork(task);
        finish(task, "FORK_JOIN_DYNAMIC");
        Optional<String> id = ref.filter(r -> register(task, r, List.of(r)));
        id.ifPresent(stepId -> addStep(new StepDefinition(stepId, kind, flow.after(), flow.when(), optional, false),
                task));
        List<String> ends = id.map(List::of).orElse(flow.after());
        if (join.isEmpty()) {
            task.problem("a FORK_JOIN_DYNAMIC must be followed by a JOIN");
        }
        return join.map(j -> join(j, Set.of(), ends)).orElse(ends);
    }

    /** What a JOIN waits for: its {@code joinOn} tasks, or the end of every branch when it names none. */
    private List<String> join(Fields join, Set<String> inside, List<String> branchEnds) {
        Optional<String> ref = common(join);
        join.required("name", Values.TEXT);
        join.ignore("type");
        List<String> joinOn = join.optional("joinOn", Values.TEXT_LIST).orElse(List.of());
        List<String> ends = new ArrayList<>();
        for (String awaited : joinOn) {
            if (inside.contains(awaited)) {
                ends.addAll(endsByRef.get(awaited));
            } else {
                join.problem("joinOn", "'" + awaited + "' is not a task of the FORK_JOIN before this JOIN");
            }
        }
        finish(join, "JOIN");
        List<String> joined = joinOn.isEmpty() ? branchEnds : distinct(ends);
        ref.ifPresent(id -> register(join, id, joined));
        return joined;
    }

    private List<String> switchCases(String type, Fields task, Flow flow) {
        Optional<String> ref = common(task);
        task.required("name", Values.TEXT);
        Optional<String> operand = SwitchOperand.of(type, task);
        List<String> ends = new ArrayList<>(flow.after());
        List<String> conditions = new ArrayList<>();
        Fields cases = task.objectOrEmpty("decisionCases");
        for (Entry<String, JsonNode> branch : cases.entries()) {
            Optional<String> condition = operand.flatMap(value -> SwitchConditions.matches(value, branch.getKey(),
                    message -> cases.problem(branch.getKey(), message)));
            condition.ifPresent(conditions::add);
            ends.addAll(branch(branch.getValue(), cases.placeOf(branch.getKey()), flow, condition.orElse(null)));
        }
        String otherwise = operand.isPresent() ? SwitchConditions.noneOf(conditions) : null;
        task.raw("defaultCase").ifPresent(tasks ->
                ends.addAll(branch(tasks, task.placeOf("defaultCase"), flow, otherwise)));
        finish(task, type);
        List<String> distinct = distinct(ends);
        ref.ifPresent(id -> register(task, id, distinct));
        return distinct;
    }

    private List<String> branch(JsonNode tasks, String place, Flow flow, String condition) {
        if (!tasks.isArray()) {
            problems.add(place, "must be an array of tasks, was " + Values.describe(tasks));
            return List.of();
        }
        return sequence(elements(tasks), place, new Flow(flow.after(), SwitchConditions.and(flow.when(), condition)));
    }

    /** The fields every task has; returns its reference name. */
    private static Optional<String> common(Fields task) {
        task.ignore("description");
        return task.required("taskReferenceName", Values.TEXT);
    }

    /** Reports the fields the task's type does not use unless they are empty, then any unknown field. */
    private static void finish(Fields task, String type) {
        task.rejectUnlessEmpty("a Conductor " + type + " task", TASK_FIELDS);
        task.rejectUnknown("a Conductor " + type + " task");
    }

    /** Records what waiting for a task means; false (after reporting) when its reference name is taken. */
    private boolean register(Fields task, String ref, List<String> ends) {
        if (endsByRef.putIfAbsent(ref, ends) != null) {
            task.problem("taskReferenceName", "duplicate taskReferenceName '" + ref + "'");
            return false;
        }
        refsInOrder.add(ref);
        return true;
    }

    private Fields fields(List<JsonNode> tasks, int i, String listPlace) {
        JsonNode node = tasks.get(i);
        JsonNode ref = node.path("taskReferenceName");
        String place = listPlace + "[" + i + "]" + (ref.isTextual() ? "(" + ref.textValue() + ")" : "");
        return Fields.lenient(node, place, problems);
    }

    /** The task's type in upper case; SIMPLE when left out, as in Conductor. */
    private static Optional<String> typeOf(Fields task) {
        return task.has("type") ? task.optional("type", Values.TEXT).map(t -> t.toUpperCase(Locale.ROOT))
                : Optional.of("SIMPLE");
    }

    private static boolean isJoin(JsonNode task) {
        return task.path("type").isTextual() && task.get("type").textValue().equalsIgnoreCase("JOIN");
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
