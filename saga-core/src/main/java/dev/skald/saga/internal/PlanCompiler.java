package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.InvalidDefinitionException;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.expression.Condition;
import dev.skald.saga.expression.ExpressionException;
import dev.skald.saga.expression.Reference;
import dev.skald.saga.expression.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Validates a definition and compiles it into a {@link Plan}, reporting every problem at once. */
final class PlanCompiler {
    private static final Set<String> RESERVED = Set.of("input", "workflow", "saga");

    private final SagaDefinition definition;
    private final List<Problem> problems = new ArrayList<>();
    private Graph graph;

    private PlanCompiler(SagaDefinition definition) {
        this.definition = definition;
    }

    static Plan compile(SagaDefinition definition) {
        PlanCompiler compiler = new PlanCompiler(definition);
        Plan plan = compiler.run();
        if (!compiler.problems.isEmpty()) {
            throw new InvalidDefinitionException(
                    "saga definition '" + definition.name() + "' v" + definition.version(), compiler.problems);
        }
        return plan;
    }

    static List<Problem> problems(SagaDefinition definition) {
        PlanCompiler compiler = new PlanCompiler(definition);
        compiler.run();
        return List.copyOf(compiler.problems);
    }

    private Plan run() {
        checkSaga();
        checkIds();
        checkDependencies();
        graph = Graph.of(definition.steps());
        List<Plan.CompiledStep> steps = new ArrayList<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            steps.add(compileStep(i, definition.steps().get(i)));
        }
        checkPivot();
        Template output = definition.outputMapping()
                .map(mapping -> template(mapping, "output", refs -> checkKnown(refs, "output")))
                .orElse(null);
        return new Plan(definition, graph, steps, output);
    }

    private void checkSaga() {
        Identifiers.DEFINITION_NAME.problem(definition.name()).ifPresent(p -> problem("name", p));
        if (definition.version() < 1) {
            problem("version", "must be at least 1, was " + definition.version());
        }
        if (definition.steps().isEmpty()) {
            problem("steps", "a saga needs at least one step");
        }
        positive(definition.timeout(), "timeout");
        definition.failureSagaIfAny().flatMap(Identifiers.DEFINITION_NAME::problem)
                .ifPresent(p -> problem("failureSaga", p));
    }

    private void checkIds() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            String id = definition.steps().get(i).id();
            String place = "steps[" + i + "].id";
            Optional<String> invalid = Identifiers.STEP_ID.problem(id);
            if (invalid.isPresent()) {
                problem(place, invalid.get());
            } else if (RESERVED.contains(id)) {
                problem(place, "'" + id + "' is reserved for expressions; choose another step id");
            }
            if (!seen.add(id)) {
                problem(place, "duplicate step id '" + id + "'");
            }
        }
    }

    private void checkDependencies() {
        Set<String> ids = new HashSet<>();
        definition.steps().forEach(s -> ids.add(s.id()));
        for (StepDefinition step : definition.steps()) {
            for (String dep : step.dependsOn()) {
                if (dep.equals(step.id())) {
                    problem(at(step, "dependsOn"), "a step cannot depend on itself");
                } else if (!ids.contains(dep)) {
                    problem(at(step, "dependsOn"), "unknown step '" + dep + "'");
                }
            }
        }
        Graph.findCycle(definition.steps()).ifPresent(cycle ->
                problem("steps", "dependencies form a cycle: " + String.join(" -> ", cycle)));
    }

    private Plan.CompiledStep compileStep(int index, StepDefinition step) {
        Condition when = step.condition().map(source -> condition(step, index, source)).orElse(null);
        Template input = null;
        Template compensation = null;
        Template extra = null;
        StepKind kind = step.kind();
        if (kind instanceof StepKind.Task task) {
            identifier(Identifiers.PARTICIPANT, task.participant(), at(step, "participant"));
            identifier(Identifiers.TYPE, task.commandType(), at(step, "command"));
            retry(task.retry(), at(step, "retry"));
            positive(task.responseTimeout(), at(step, "responseTimeout"));
            positive(task.timeout(), at(step, "timeout"));
            input = template(task.input(), at(step, "input"), refs -> checkVisible(refs, index, false, "input"));
        } else if (kind instanceof StepKind.ForEach each) {
            identifier(Identifiers.PARTICIPANT, each.participant(), at(step, "participant"));
            identifier(Identifiers.TYPE, each.commandType(), at(step, "command"));
            retry(each.retry(), at(step, "retry"));
            positive(each.responseTimeout(), at(step, "responseTimeout"));
            positive(each.timeout(), at(step, "timeout"));
            if (each.concurrency() < 1 || each.concurrency() > Bounds.MAX_CONCURRENCY) {
                problem(at(step, "concurrency"), "must be between 1 and " + Bounds.MAX_CONCURRENCY + ", was "
                        + each.concurrency());
            }
            extra = items(step, index, each.items());
            input = template(each.input(), at(step, "input"), refs -> checkVisible(refs, index, false, "input", true));
        } else if (kind instanceof StepKind.Publish publish) {
            identifier(Identifiers.TOPIC, publish.topic(), at(step, "topic"));
            input = template(PublishedRecords.mapping(publish), at(step, "record"),
                    refs -> checkVisible(refs, index, false, "record"));
        } else if (kind instanceof StepKind.Wait wait) {
            positive(wait.duration(), at(step, "duration"));
        } else if (kind instanceof StepKind.AwaitEvent event) {
            identifier(Identifiers.TYPE, event.eventType(), at(step, "event"));
            positive(event.timeout(), at(step, "timeout"));
            if (event.correlationKey() != null) {
                extra = template(TextNode.valueOf(event.correlationKey()), at(step, "correlationKey"),
                        refs -> checkVisible(refs, index, false, "correlationKey"));
            }
        } else if (kind instanceof StepKind.SubSaga sub) {
            identifier(Identifiers.DEFINITION_NAME, sub.definition(), at(step, "definition"));
            if (sub.version() != null && sub.version() < 1) {
                problem(at(step, "version"), "must be at least 1, was " + sub.version());
            }
            positive(sub.timeout(), at(step, "timeout"));
            input = template(sub.input(), at(step, "input"), refs -> checkVisible(refs, index, false, "input"));
        } else if (kind instanceof StepKind.Terminate terminate && terminate.output() != null) {
            extra = template(terminate.output(), at(step, "output"), refs -> checkVisible(refs, index, false, "output"));
        }
        Optional<Compensation> undo = step.compensation();
        if (undo.isPresent()) {
            compensation = compensation(step, index, undo.get());
        }
        return new Plan.CompiledStep(step, input, when, compensation, extra);
    }

    /** The items of a map step: exactly one reference, such as {@code ${input.lines}}. */
    private Template items(StepDefinition step, int index, String items) {
        Template template = template(TextNode.valueOf(items), at(step, "items"),
                refs -> checkVisible(refs, index, false, "items"));
        if (!(template instanceof Template.Ref)) {
            problem(at(step, "items"), "must be one reference to an array, such as '${input.lines}'; was '" + items + "'");
        }
        return template;
    }

    private Template compensation(StepDefinition step, int index, Compensation undo) {
        identifier(Identifiers.PARTICIPANT, undo.participant(), at(step, "compensation.participant"));
        identifier(Identifiers.TYPE, undo.commandType(), at(step, "compensation.command"));
        retry(undo.retry(), at(step, "compensation.retry"));
        positive(undo.responseTimeout(), at(step, "compensation.responseTimeout"));
        boolean map = step.kind() instanceof StepKind.ForEach;
        return template(undo.input(), at(step, "compensation.input"),
                refs -> checkVisible(refs, index, true, "compensation.input", map));
    }

    private Condition condition(StepDefinition step, int index, String source) {
        try {
            Condition condition = Condition.parse(source);
            checkVisible(condition.references(), index, false, "when");
            return condition;
        } catch (ExpressionException e) {
            problem(at(step, "when"), e.getMessage());
            return null;
        }
    }

    private Template template(JsonNode mapping, String place, java.util.function.Consumer<List<Reference>> check) {
        Template template = Template.compile(mapping, (path, message) -> problem(place + path, message));
        check.accept(template.references());
        return template;
    }

    private void checkVisible(List<Reference> refs, int index, boolean selfAllowed, String field) {
        checkVisible(refs, index, selfAllowed, field, false);
    }

    /**
     * References from step {@code index} may read the saga, its ancestors, and (for a compensation) itself; the
     * element of a map step ({@code ${item}}, {@code ${index}}) only where {@code elementScope}.
     */
    private void checkVisible(List<Reference> refs, int index, boolean selfAllowed, String field,
                              boolean elementScope) {
        String self = definition.steps().get(index).id();
        String place = "steps[" + self + "]." + field;
        for (Reference ref : refs) {
            boolean element = ref.root() == Reference.Root.ITEM || ref.root() == Reference.Root.INDEX;
            if (element && !elementScope) {
                problem(place, "'${" + ref.source() + "}' names a map step's element; it is defined only in the input "
                        + "and the compensation input of a map step");
            }
            ref.step().ifPresent(stepId -> {
                Optional<Integer> target = graph.indexOf(stepId);
                if (target.isEmpty()) {
                    problem(place, "'${" + ref.source() + "}' refers to unknown step '" + stepId + "'");
                } else if (target.get() == index) {
                    if (!selfAllowed || ref.root() != Reference.Root.STEP_OUTPUT && ref.root() != Reference.Root.STEP_INPUT) {
                        problem(place, "'${" + ref.source() + "}' refers to the step itself; only its compensation may");
                    }
                } else if (!graph.isAncestor(target.get(), index)) {
                    problem(place, "'${" + ref.source() + "}' refers to step '" + stepId
                            + "', which is not among the steps '" + self + "' depends on, so it may not have run yet");
                }
            });
        }
    }

    private void checkKnown(List<Reference> refs, String place) {
        for (Reference ref : refs) {
            if (ref.root() == Reference.Root.ITEM || ref.root() == Reference.Root.INDEX) {
                problem(place, "'${" + ref.source() + "}' names a map step's element; it is defined only in the input "
                        + "and the compensation input of a map step");
            }
            ref.step().filter(stepId -> graph.indexOf(stepId).isEmpty()).ifPresent(stepId ->
                    problem(place, "'${" + ref.source() + "}' refers to unknown step '" + stepId + "'"));
        }
    }

    private void checkPivot() {
        List<StepDefinition> pivots = definition.steps().stream().filter(StepDefinition::pivot).toList();
        if (pivots.size() > 1) {
            problem("steps", "at most one step may be the pivot; found "
                    + pivots.stream().map(StepDefinition::id).toList());
            return;
        }
        if (pivots.isEmpty() || graph == null) {
            return;
        }
        StepDefinition pivot = pivots.get(0);
        int p = graph.indexOf(pivot.id()).orElseThrow();
        if (pivot.optional()) {
            problem(at(pivot, "optional"), "the pivot step cannot be optional");
        }
        if (pivot.compensation().isPresent()) {
            problem(at(pivot, "compensation"), "the pivot step is never compensated; remove its compensation");
        }
        for (int i = 0; i < graph.size(); i++) {
            StepDefinition step = definition.steps().get(i);
            boolean after = graph.isAncestor(p, i);
            if (i != p && !after && !graph.isAncestor(i, p)) {
                problem(at(step, "dependsOn"), "step '" + step.id() + "' is neither before nor after the pivot '"
                        + pivot.id() + "'; every step must be ordered with respect to the pivot");
            }
            if (after && step.compensation().isPresent()) {
                problem(at(step, "compensation"), "step '" + step.id() + "' comes after the pivot '" + pivot.id()
                        + "' and is never compensated; remove its compensation");
            }
        }
    }

    private void retry(RetryPolicy retry, String place) {
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > Bounds.MAX_ATTEMPTS) {
            problem(place + ".maxAttempts", "must be between 1 and " + Bounds.MAX_ATTEMPTS + ", was "
                    + retry.maxAttempts());
        }
        bounded(retry.initialDelay(), place + ".initialDelay");
        bounded(retry.maxDelay(), place + ".maxDelay");
        if (retry.initialDelay().isNegative()) {
            problem(place + ".initialDelay", "must not be negative");
        }
        if (retry.maxDelay().compareTo(retry.initialDelay()) < 0) {
            problem(place + ".maxDelay", "must be at least the initial delay " + retry.initialDelay());
        }
        if (!(retry.multiplier() >= 1.0 && retry.multiplier() <= Bounds.MAX_MULTIPLIER)) {
            problem(place + ".multiplier", "must be a number between 1 and " + Bounds.MAX_MULTIPLIER + ", was "
                    + retry.multiplier());
        }
        if (!(retry.jitter() >= 0.0 && retry.jitter() <= 1.0)) {
            problem(place + ".jitter", "must be between 0 and 1, was " + retry.jitter());
        }
    }

    private void positive(Duration duration, String place) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            problem(place, "must be positive, was " + duration);
        }
        bounded(duration, place);
    }

    private void bounded(Duration duration, String place) {
        String tooLong = duration == null ? null : Bounds.durationProblem(duration);
        if (tooLong != null) {
            problem(place, tooLong);
        }
    }


    private void identifier(Identifiers rule, String value, String place) {
        rule.problem(value).ifPresent(p -> problem(place, p));
    }

    private static String at(StepDefinition step, String field) {
        return "steps[" + step.id() + "]." + field;
    }

    private void problem(String place, String message) {
        problems.add(new Problem(place, message));
    }
}
