package dev.skald.saga.machine;

import dev.skald.saga.definition.Compensation;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.SagaDefinitions;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid saga definitions: DAGs of up to a dozen steps with compensations, optional steps, conditions, retries,
 * response timeouts, waits, event waits, map steps over {@code ${input.items}}, a pivot and a saga timeout, each
 * drawn from one seed.
 */
final class RandomSagas {
    private RandomSagas() {
    }

    static SagaDefinition definition(Random random) {
        int size = 1 + random.nextInt(12);
        int pivot = random.nextInt(4) == 0 ? random.nextInt(size) : -1;
        List<StepDefinition> steps = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            steps.add(step(random, i, pivot));
        }
        Duration timeout = random.nextInt(4) == 0 ? Duration.ofSeconds(5 + random.nextInt(120)) : null;
        FailurePolicy policy = random.nextInt(4) == 0 ? FailurePolicy.FAIL : FailurePolicy.COMPENSATE;
        return SagaDefinitions.requireValid(new SagaDefinition("random", 1, steps, timeout, policy, null));
    }

    private static StepDefinition step(Random random, int i, int pivot) {
        String id = "s" + i;
        List<String> deps = new ArrayList<>();
        if (i == pivot) {
            for (int j = 0; j < i; j++) {
                deps.add("s" + j);
            }
        } else {
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    deps.add("s" + j);
                }
            }
            if (pivot >= 0 && i > pivot && !deps.contains("s" + pivot)) {
                deps.add("s" + pivot);
            }
        }
        boolean afterPivot = pivot >= 0 && i > pivot;
        boolean isPivot = i == pivot;
        StepKind kind = kind(random, i, deps, afterPivot || isPivot);
        boolean optional = !isPivot && random.nextInt(6) == 0;
        String when = random.nextInt(6) == 0 ? "${input.flags.s" + i + "} == true" : null;
        return new StepDefinition(id, kind, deps, when, optional, isPivot);
    }

    private static StepKind kind(Random random, int i, List<String> deps, boolean noCompensation) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return new StepKind.Wait(Duration.ofSeconds(1 + random.nextInt(30)));
        }
        if (pick == 1) {
            String key = random.nextBoolean() ? "${input.key}" : null;
            Duration timeout = random.nextBoolean() ? Duration.ofSeconds(10 + random.nextInt(60)) : null;
            return new StepKind.AwaitEvent("event" + (i % 2), key, timeout);
        }
        if (pick == 2 && !noCompensation && random.nextBoolean()) {
            StepKind.Terminate.Outcome outcome = random.nextBoolean()
                    ? StepKind.Terminate.Outcome.COMPLETED : StepKind.Terminate.Outcome.FAILED;
            return new StepKind.Terminate(outcome, Json.tree(Map.of("endedBy", "s" + i)), "terminated by s" + i);
        }
        if (pick == 3) {
            return new StepKind.Publish("topic" + i, random.nextBoolean() ? "${input.key}" : null,
                    Json.tree(Map.of("n", i)), Map.of("source", "s" + i));
        }
        Map<String, Object> input = deps.isEmpty()
                ? Map.of("n", i, "key", "${input.key}")
                : Map.of("n", i, "from", "${" + deps.get(0) + ".output}");
        RetryPolicy retry = new RetryPolicy(1 + random.nextInt(3), RetryPolicy.DEFAULT.backoff(),
                Duration.ofMillis(100 + random.nextInt(2000)), 2.0, Duration.ofSeconds(10), random.nextInt(2) * 0.2);
        Duration responseTimeout = random.nextInt(3) == 0 ? Duration.ofSeconds(1 + random.nextInt(20)) : null;
        Duration stepTimeout = random.nextInt(8) == 0 ? Duration.ofSeconds(5 + random.nextInt(60)) : null;
        Compensation undo = !noCompensation && random.nextInt(5) < 3
                ? new Compensation("p" + i, "Undo" + i, Json.tree(Map.of("of", "${s" + i + ".output}")),
                new RetryPolicy(1 + random.nextInt(3), RetryPolicy.DEFAULT.backoff(), Duration.ofMillis(500), 2.0,
                        Duration.ofSeconds(5), 0.0),
                random.nextInt(3) == 0 ? Duration.ofSeconds(3) : null)
                : null;
        if (pick == 4) {
            Compensation elementUndo = undo == null ? null : new Compensation(undo.participant(), undo.commandType(),
                    Json.tree(Map.of("item", "${item}", "at", "${index}", "of", "${s" + i + ".output}")), undo.retry(),
                    undo.responseTimeout());
            return new StepKind.ForEach("${input.items}", 1 + random.nextInt(3), "p" + i, "Each" + i,
                    Json.tree(Map.of("n", i, "item", "${item}", "at", "${index}")), retry, responseTimeout,
                    stepTimeout, elementUndo);
        }
        return new StepKind.Task("p" + i, "Do" + i, Json.tree(input), retry, responseTimeout, stepTimeout, undo);
    }
}
