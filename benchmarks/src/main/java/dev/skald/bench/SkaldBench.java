package dev.skald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.participant.ParticipantConfig;
import dev.skald.testkit.KafkaBroker;
import dev.skald.testkit.KafkaProcess;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Skald's benchmark: the exactly-once pass-through baseline of the broker, a four-step saga as fast as it
 * completes, latencies at fixed shares of that maximum, with {@code --conductor} the same saga answered by
 * Conductor-protocol workers beside it, and N sagas held in flight (heap, disk, restore, queries). Prints a table and
 * writes a JSON file. See {@code docs/benchmarks.md}.
 */
@Command(name = "skald bench", mixinStandardHelpOptions = true,
        description = "Measures sagas per second, latency and scale against the broker's own exactly-once limit.")
public final class SkaldBench implements Callable<Integer> {
    @Option(names = "--quick", description = "A short run: one repetition, short phases, 2,000 sagas in flight.")
    boolean quick;

    @Option(names = "--runs", description = "Repetitions of the baseline and throughput runs (default 3; 1 quick).")
    Integer runs;

    @Option(names = "--measure", description = "Seconds of each throughput run and each load (default 15; 4 quick).")
    Integer measureSeconds;

    @Option(names = "--warm-up", description = "Seconds of warm-up before the measured runs (default 15; 3 quick).")
    Integer warmUpSeconds;

    @Option(names = "--concurrency", defaultValue = "4000",
            description = "Sagas in flight at most in the throughput runs (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--loads", split = ",", defaultValue = "0.25,0.5,0.8",
            description = "Offered loads as shares of the measured maximum (default ${DEFAULT-VALUE}).")
    List<Double> loads;

    @Option(names = "--in-flight", split = ",",
            description = "Sagas held in flight in the scale phase, e.g. 100000,1000000 (default 100000; 2000 quick;"
                    + " 0 skips it).")
    List<Integer> inFlight;

    @Option(names = "--baseline-records", description = "Records per baseline run (default 300000; 50000 quick).")
    Integer baselineRecords;

    @Option(names = "--commit-interval", description = "Orchestrator commit interval in ms (default: the product's).")
    Long commitIntervalMs;

    @Option(names = "--workers", defaultValue = "0", description = "Participant workers (default: the product's).")
    int workers;

    @Option(names = "--max-batch", defaultValue = "0", description = "Participant max.batch (default: the product's).")
    int maxBatch;

    @Option(names = "--conductor", description = "Also runs the saga with its steps answered by Conductor-protocol "
            + "workers (the poll bridge and Conductor's Java worker runner, batch polling the REST API) and prints "
            + "their sagas/s beside the SDK participant's.")
    boolean conductor;

    @Option(names = "--conductor-threads", defaultValue = "16", description = "Conductor worker threads per task "
            + "type, also the largest batch a poll asks for (default ${DEFAULT-VALUE}).")
    int conductorThreads;

    @Option(names = "--conductor-poll-timeout", defaultValue = "100", description = "Milliseconds a Conductor batch "
            + "poll waits on the server for its first task (default ${DEFAULT-VALUE}).")
    int conductorPollTimeoutMs;

    @Option(names = "--client-setting", description = "A Kafka client setting KEY=VALUE for the orchestrator's and "
            + "the participant's clients (repeatable), e.g. retry.backoff.ms=10.")
    Map<String, String> clientSettings = new LinkedHashMap<>();

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the baseline topics (default "
            + "${DEFAULT-VALUE}, the product default of skald.partitions).")
    int partitions;

    @Option(names = "--broker", defaultValue = "PROCESS",
            description = "PROCESS (a child JVM, default) or EMBEDDED (in this JVM).")
    Brokers broker;

    @Option(names = "--json", description = "Where to write the results (default benchmarks/target/skald-bench.json).")
    Path json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SkaldBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = plan();
        ConductorWorkers conductorWorkers = conductor
                ? new ConductorWorkers(conductorThreads, conductorPollTimeoutMs) : null;
        PrintStream out = System.out;
        try (KafkaBroker kafka = broker.start()) {
            String bootstrap = kafka.bootstrapServers();
            out.printf("Skald benchmark: broker %s at %s, %d cores shared by broker and clients%n", broker, bootstrap,
                    Runtime.getRuntime().availableProcessors());
            BenchReport.Baseline baseline;
            BenchReport.Throughput throughput;
            List<BenchReport.Load> measuredLoads = new ArrayList<>();
            BenchReport.Settings settings;
            BenchReport.Conductor conductorRun = null;
            RigSettings rigSettings = new RigSettings(commitIntervalMs == null ? null
                    : Duration.ofMillis(commitIntervalMs), workers, maxBatch, clientSettings);
            CpuMeter cpu = new CpuMeter(kafka instanceof KafkaProcess process ? process.pid() : -1);
            try (SagaRig rig = SagaRig.start(bootstrap, rigSettings, cpu)) {
                OrchestratorConfig config = rig.orchestrator().config();
                PassThrough passThrough = new PassThrough(bootstrap, partitions, config.commitInterval(), cpu);
                progress("warm-up");
                passThrough.run(plan.baselineRecords() / 2);
                rig.closedLoop(concurrency, Duration.ZERO, plan.warmUp());
                baseline = baseline(passThrough, plan);
                throughput = throughput(rig, plan, baseline);
                for (double share : loads) {
                    progress("load " + share);
                    double offered = share * throughput.sagasPerSecond();
                    measuredLoads.add(BenchReport.Load.of(share, offered, rig.openLoop(offered, plan.measure())));
                }
                settings = settings(config, rigSettings.participant(bootstrap), plan);
            }
            if (conductorWorkers != null) {
                conductorRun = conductor(bootstrap, rigSettings, cpu, plan, throughput, conductorWorkers);
            }
            List<ScaleRun.Result> scale = new ArrayList<>();
            for (int n : plan.inFlight()) {
                if (n > 0) {
                    progress("scale " + n);
                    scale.add(new ScaleRun(bootstrap, rigSettings.commitInterval(), clientSettings).run(n));
                }
            }
            BenchReport report = new BenchReport(settings, baseline, throughput, measuredLoads, scale, conductorRun);
            out.print(Tables.render(report));
            write(report);
            return 0;
        }
    }

    private BenchReport.Baseline baseline(PassThrough passThrough, Plan plan) throws Exception {
        List<PassThrough.Rate> rates = new ArrayList<>();
        for (int i = 0; i < plan.runs(); i++) {
            progress("baseline run " + (i + 1));
            rates.add(passThrough.run(plan.baselineRecords()));
        }
        List<Double> runs = rates.stream().map(PassThrough.Rate::recordsPerSecond).toList();
        return new BenchReport.Baseline(plan.baselineRecords(), runs, Stats.median(runs),
                Stats.median(rates.stream().map(PassThrough.Rate::cpuMicrosPerRecord).toList()));
    }

    private BenchReport.Throughput throughput(SagaRig rig, Plan plan, BenchReport.Baseline baseline)
            throws Exception {
        ClosedLoopRuns runs = ClosedLoopRuns.run(rig, plan.runs(), concurrency, plan.measure(), "throughput");
        double median = runs.sagasPerSecond();
        double hops = median * SagaRig.HOPS;
        double cpuPerSaga = runs.cpuMicrosPerSaga();
        return new BenchReport.Throughput(runs.rates(), median, SagaRig.HOPS, hops,
                Stats.ratio(hops, baseline.recordsPerSecond()), runs.middle().endToEnd(), cpuPerSaga,
                runs.middle().brokerCpuMicrosPerSaga(),
                Stats.ratio(baseline.cpuMicrosPerRecord() * SagaRig.HOPS, cpuPerSaga));
    }

    /**
     * The same saga in a rig of its own whose steps Conductor-protocol workers answer: a warm-up, the throughput runs
     * as the SDK path's, and an open-loop run at half of its own maximum for latency.
     */
    private BenchReport.Conductor conductor(String bootstrap, RigSettings rigSettings, CpuMeter cpu, Plan plan,
                                            BenchReport.Throughput sdk, ConductorWorkers workers) throws Exception {
        progress("conductor workers: warm-up");
        try (SagaRig rig = SagaRig.start(bootstrap, rigSettings, cpu, workers)) {
            rig.closedLoop(concurrency, Duration.ZERO, plan.warmUp());
            ClosedLoopRuns runs = ClosedLoopRuns.run(rig, plan.runs(), concurrency, plan.measure(),
                    "conductor throughput");
            double median = runs.sagasPerSecond();
            progress("conductor load 0.5");
            double offered = median / 2;
            BenchReport.Load half = BenchReport.Load.of(0.5, offered, rig.openLoop(offered, plan.measure()));
            return new BenchReport.Conductor(workers.threadsPerType(), workers.pollTimeoutMs(), runs.rates(), median,
                    sdk.sagasPerSecond(), Stats.ratio(median, sdk.sagasPerSecond()), runs.middle().endToEnd(),
                    runs.cpuMicrosPerSaga(), runs.middle().brokerCpuMicrosPerSaga(),
                    Stats.ratio(runs.cpuMicrosPerSaga(), sdk.cpuMicrosPerSaga()), half);
        }
    }

    private BenchReport.Settings settings(OrchestratorConfig config, ParticipantConfig p,
                                          Plan plan) {
        Object cache = config.streamsProperties().get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        long cacheBytes = cache == null ? 10L * 1024 * 1024 : Long.parseLong(cache.toString());
        return new BenchReport.Settings(broker.name(), Runtime.getRuntime().availableProcessors(),
                config.partitions(), config.streamThreads(), config.commitInterval().toMillis(), cacheBytes,
                config.historyLimit(), p.workers(), p.maxBatch(), concurrency, plan.runs(), quick, clientSettings);
    }

    private Plan plan() {
        return new Plan(runs != null ? runs : quick ? 1 : 3,
                Duration.ofSeconds(warmUpSeconds != null ? warmUpSeconds : quick ? 3 : 15),
                Duration.ofSeconds(measureSeconds != null ? measureSeconds : quick ? 4 : 15),
                baselineRecords != null ? baselineRecords : quick ? 50_000 : 300_000,
                inFlight != null ? inFlight : List.of(quick ? 2_000 : 100_000));
    }

    private void write(BenchReport report) throws java.io.IOException {
        Path target = json != null ? json : Files.isDirectory(Path.of("benchmarks"))
                ? Path.of("benchmarks", "target", "skald-bench.json") : Path.of("target", "skald-bench.json");
        Files.createDirectories(target.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(target.toFile(), report);
        System.out.println("Results written to " + target);
    }

    /** Reports the phase that starts, on standard error. */
    static void progress(String phase) {
        System.err.printf("[bench] %s%n", phase);
    }

    /** The sizes of a run. */
    record Plan(int runs, Duration warmUp, Duration measure, int baselineRecords, List<Integer> inFlight) {
    }
}
