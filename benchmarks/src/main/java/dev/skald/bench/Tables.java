package dev.skald.bench;

import java.util.List;

/** The report as plain-text tables. */
final class Tables {
    private Tables() {
    }

    static String render(BenchReport r) {
        BenchReport.Settings s = r.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nSettings: broker %s, %d cores, %d partitions, %d stream thread(s), commit interval "
                        + "%d ms, cache %d bytes, history limit %d, participant workers %d, max.batch %d, %d in flight,"
                        + " median of %d run(s)%s%s%n%n", s.broker(), s.cores(), s.partitions(), s.streamThreads(),
                s.commitIntervalMs(), s.cacheMaxBytes(), s.historyLimit(), s.participantWorkers(),
                s.participantBatch(), s.concurrency(), s.runs(), s.quick() ? " (quick)" : "",
                s.clientSettings().isEmpty() ? "" : ", client settings " + s.clientSettings()));
        BenchReport.Throughput t = r.throughput();
        out.append(new Table("Throughput", "value", "runs")
                .row("pass-through EOS records/s (baseline)", r.baseline().recordsPerSecond(),
                        runs(r.baseline().runs()))
                .row("4-step sagas/s", t.sagasPerSecond(), runs(t.runs()))
                .row("hops/s (" + t.hopsPerSaga() + " per saga)", t.hopsPerSecond(), "")
                .row("hops/s / baseline (%)", 100 * t.ratioToBaseline(), "")
                .row("saturated latency p50 / p99 (ms)", pair(t.endToEnd()), "")
                .row("CPU µs per baseline record", r.baseline().cpuMicrosPerRecord(), "")
                .row("CPU µs per saga (all)", t.cpuMicrosPerSaga(), "")
                .row("CPU µs per saga (broker)", t.brokerCpuMicrosPerSaga(), "")
                .row("CPU-bound hops/s / baseline (%)", 100 * t.cpuRatioToBaseline(), "")
                .render());
        out.append('\n');
        Table loads = new Table("Offered load", "sagas/s", "done/s", "CPU µs/saga", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "step p50s ms (s1,s2,s3,s4,finish)", "step p99s ms");
        for (BenchReport.Load l : r.loads()) {
            loads.row(Math.round(l.share() * 100) + "%", l.offeredPerSecond(), l.achievedPerSecond(),
                    l.cpuMicrosPerSaga(),
                    l.endToEnd().p50(), l.endToEnd().p95(), l.endToEnd().p99(), l.endToEnd().max(),
                    steps(l.steps(), true), steps(l.steps(), false));
        }
        out.append(loads.render());
        if (r.conductor() != null) {
            out.append('\n').append(conductor(r));
        }
        if (!r.scale().isEmpty()) {
            out.append('\n');
            Table scale = new Table("In flight", "starts/s", "heap MB", "RSS MB", "state dir MB", "changelog MB",
                    "IQ p50 / p99 ms", "REST p50 / p99 ms", "RUNNING s", "queryable s");
            for (ScaleRun.Result x : r.scale()) {
                scale.row(x.sagas(), x.startsPerSecond(), x.heapMb(), x.rssMb(), x.stateDirMb(), x.changelogMb(),
                        pair(x.interactiveQuery()), pair(x.rest()), x.restoreRunningSeconds(),
                        x.restoreQueryableSeconds());
            }
            out.append(scale.render());
        }
        return out.toString();
    }

    /** The Conductor-protocol workers beside the SDK participant: each figure of both, and the first over the second. */
    static String conductor(BenchReport r) {
        BenchReport.Conductor c = r.conductor();
        BenchReport.Throughput sdk = r.throughput();
        StringBuilder out = new StringBuilder(String.format("Conductor workers: TaskRunnerConfigurer, %d threads per "
                + "task type (batch polls of up to %d), poll timeout %d ms, through the poll bridge%n",
                c.threadsPerType(), c.threadsPerType(), c.pollTimeoutMs()));
        Table table = new Table("SDK participant vs Conductor workers", "SDK", "Conductor", "Conductor / SDK (%)",
                "Conductor runs")
                .row("4-step sagas/s", sdk.sagasPerSecond(), c.sagasPerSecond(), 100 * c.ratioToSdk(), runs(c.runs()))
                .row("CPU µs per saga (all)", sdk.cpuMicrosPerSaga(), c.cpuMicrosPerSaga(), 100 * c.cpuRatioToSdk(),
                        "")
                .row("CPU µs per saga (broker)", sdk.brokerCpuMicrosPerSaga(), c.brokerCpuMicrosPerSaga(),
                        100 * Stats.ratio(c.brokerCpuMicrosPerSaga(), sdk.brokerCpuMicrosPerSaga()), "")
                .row("saturated latency p50 / p99 (ms)", pair(sdk.endToEnd()), pair(c.endToEnd()), "", "");
        BenchReport.Load half = c.half();
        BenchReport.Load sdkHalf = r.loads().stream().filter(l -> l.share() == half.share()).findFirst().orElse(null);
        table.row("at 50% of own max: p50 / p99 (ms)", sdkHalf == null ? "-" : pair(sdkHalf.endToEnd()),
                pair(half.endToEnd()), "", "");
        table.row("at 50%: step p50s ms (s1..s4,finish)", sdkHalf == null ? "-" : steps(sdkHalf.steps(), true),
                steps(half.steps(), true), "", "");
        return out.append(table.render()).toString();
    }

    /** "p50 / p99" in milliseconds. */
    static String pair(Latency latency) {
        return ms(latency.p50()) + " / " + ms(latency.p99());
    }

    /** Milliseconds with two decimals under 10, one under 100, none above. */
    static String ms(double value) {
        return String.format(value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
    }

    /** "1.5, 2.0" style list of the runs. */
    static String runs(List<Double> values) {
        return String.join(", ", values.stream().map(Table::text).toList());
    }

    private static String steps(List<Latency> steps, boolean median) {
        return String.join(",", steps.stream().map(l -> Table.text(median ? l.p50() : l.p99())).toList());
    }
}
