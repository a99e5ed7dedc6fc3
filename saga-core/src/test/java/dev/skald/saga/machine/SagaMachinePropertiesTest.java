package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;

/**
 * Invariants of the state machine over random definitions and random interleavings of inputs. Each try draws a
 * definition (a DAG of up to twelve steps) and an interleaving from one seed; a failure names the seed. The
 * invariants checked after every decision live in {@link Simulation}: no command id is sent twice, a compensation
 * is commanded only for a completed step and never after the pivot completed, no step is dispatched before its
 * dependencies settle or while the saga is paused, and the same input on the same state gives the same decision.
 */
@Tag("slow")
class SagaMachinePropertiesTest {

    @Property(tries = 1000)
    void onceEveryCommandIsAnsweredTheSagaStops(@ForAll long seed) {
        Simulation simulation = new Simulation(seed, event -> { });

        SagaState end = simulation.run();

        assertThat(end.status().isTerminal()).as("status of %s", end).isTrue();
        assertThat(end.timers()).as("timers left on a stopped saga").isEmpty();
    }

    @Property(tries = 1000)
    void foldingTheInputsAgainFromNothingGivesTheSameState(@ForAll long seed) {
        Simulation simulation = new Simulation(seed, event -> { });

        SagaState end = simulation.run();

        assertThat(simulation.refold()).isEqualTo(end);
    }

    @Property(tries = 1000)
    void nothingAfterThePivotIsEverCompensated(@ForAll long seed) {
        java.util.List<String> compensated = new java.util.ArrayList<>();
        Simulation simulation = new Simulation(seed, event -> {
            if (event instanceof SagaEvent.StepTransitioned t && t.transition().to() == StepStatus.COMPENSATING) {
                compensated.add(t.stepId());
            }
        });

        simulation.run();

        simulation.definition().pivot().ifPresent(pivot -> {
            int p = simulation.definition().steps().indexOf(pivot);
            for (String stepId : compensated) {
                int s = simulation.definition().steps().indexOf(simulation.definition().step(stepId).orElseThrow());
                assertThat(s).as("compensated step %s vs pivot %s", stepId, pivot.id()).isLessThan(p);
            }
        });
    }
}
