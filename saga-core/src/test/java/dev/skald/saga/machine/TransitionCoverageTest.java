package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every row of the transition tables is exercised: a row no test reaches is either dead (remove it) or untested
 * (test it). Runs the random simulation over a fixed range of seeds and collects the transitions taken.
 */
@Tag("slow")
class TransitionCoverageTest {
    private static final int SEEDS = 4000;

    @Test
    void everySagaAndStepTransitionIsExercised() {
        Set<Transition<?>> seen = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            new Simulation(seed, event -> {
                if (event instanceof SagaEvent.SagaTransitioned t) {
                    seen.add(t.transition());
                } else if (event instanceof SagaEvent.StepTransitioned t) {
                    seen.add(t.transition());
                }
            }).run();
        }

        List<Transition<?>> never = new ArrayList<>();
        Transitions.SAGA.stream().filter(t -> !seen.contains(t)).forEach(never::add);
        Transitions.STEP.stream().filter(t -> !seen.contains(t)).forEach(never::add);
        assertThat(never).as("transitions never exercised in %d random runs", SEEDS).isEmpty();
    }
}
