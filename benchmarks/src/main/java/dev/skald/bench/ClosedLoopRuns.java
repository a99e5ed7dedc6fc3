package dev.skald.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Repeated closed-loop runs of a {@link SagaRig} and their medians.
 *
 * @param measured each run, in order
 */
record ClosedLoopRuns(List<SagaRig.Measured> measured) {

    ClosedLoopRuns {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        measured = List.copyOf(measured);
    }

    /** Runs {@code runs} closed loops of {@code measure} each (after 2 s unmeasured), reporting each as it starts. */
    static ClosedLoopRuns run(SagaRig rig, int runs, int concurrency, Duration measure, String label)
            throws InterruptedException {
        List<SagaRig.Measured> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            SkaldBench.progress(label + " run " + (i + 1));
            measured.add(rig.closedLoop(concurrency, Duration.ofSeconds(2), measure));
        }
        return new ClosedLoopRuns(measured);
    }

    /** Sagas per second of each run. */
    List<Double> rates() {
        return measured.stream().map(SagaRig.Measured::sagasPerSecond).toList();
    }

    /** The median of the runs' sagas per second. */
    double sagasPerSecond() {
        return Stats.median(rates());
    }

    /** The run of the median rate (the upper middle one for an even count). */
    SagaRig.Measured middle() {
        return measured.stream().sorted(Comparator.comparingDouble(SagaRig.Measured::sagasPerSecond)).toList()
                .get(measured.size() / 2);
    }

    /** The median CPU time per saga. */
    double cpuMicrosPerSaga() {
        return Stats.median(measured.stream().map(SagaRig.Measured::cpuMicrosPerSaga).toList());
    }
}
