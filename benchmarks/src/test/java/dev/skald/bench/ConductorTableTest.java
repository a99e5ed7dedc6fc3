package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConductorTableTest {
    private static final Latency MS = new Latency(10, 40, 50, 60, 70);
    private static final List<Latency> STEPS = Collections.nCopies(5, MS);

    @Test
    void printsTheConductorWorkersBesideTheSdkWithTheRatio() {
        String table = Tables.conductor(report(List.of(new BenchReport.Load(0.5, 300, 290, 2000, MS, STEPS))));

        assertThat(table).contains("32 threads per task type", "poll timeout 100 ms");
        assertThat(line(table, "4-step sagas/s")).containsSubsequence("600", "300", "50.0", "280, 300, 320");
        assertThat(line(table, "CPU µs per saga (all)")).containsSubsequence("1,500", "3,000", "200");
        assertThat(line(table, "at 50% of own max")).containsSubsequence("40.0 / 60.0", "40.0 / 60.0");
    }

    @Test
    void leavesTheSdkLatencyOutWhenItsHalfLoadWasNotMeasured() {
        String table = Tables.conductor(report(List.of()));

        assertThat(line(table, "at 50% of own max")).containsSubsequence("-", "40.0 / 60.0");
    }

    private static BenchReport report(List<BenchReport.Load> sdkLoads) {
        BenchReport.Throughput sdk = new BenchReport.Throughput(List.of(600.0), 600, 9, 5400, 0.1, MS, 1500, 500, 0.2);
        BenchReport.Conductor conductor = new BenchReport.Conductor(32, 100, List.of(280.0, 300.0, 320.0), 300, 600,
                0.5, MS, 3000, 1000, 2.0, new BenchReport.Load(0.5, 150, 149, 4000, MS, STEPS));
        return new BenchReport(null, null, sdk, sdkLoads, List.of(), conductor);
    }

    private static String line(String table, String label) {
        return table.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
    }
}
