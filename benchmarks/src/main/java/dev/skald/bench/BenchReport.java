package dev.skald.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one run of {@link SkaldBench} measured, as written to the JSON file.
 *
 * @param settings   what ran, and how
 * @param baseline   the exactly-once pass-through
 * @param throughput the four-step saga as fast as it completes
 * @param loads      latencies at fixed offered loads
 * @param scale      sagas held in flight
 * @param conductor  the same saga with its steps answered by Conductor-protocol workers; null unless
 *                   {@code --conductor}
 */
record BenchReport(Settings settings, Baseline baseline, Throughput throughput, List<Load> loads,
                   List<ScaleRun.Result> scale, Conductor conductor) {

    /**
     * @param broker             where the broker ran ({@code PROCESS}: a child JVM)
     * @param cores              processors this JVM sees (broker and clients share them)
     * @param partitions         partitions of every topic
     * @param streamThreads      orchestrator stream threads
     * @param commitIntervalMs   the orchestrator's (and the baseline's) commit interval
     * @param cacheMaxBytes      Kafka Streams' record cache ({@code statestore.cache.max.bytes})
     * @param historyLimit       history events kept per saga in the store
     * @param participantWorkers participant workers
     * @param participantBatch   the participant's max.batch (records per transaction, at most)
     * @param concurrency        sagas in flight at most in the throughput runs
     * @param runs               repetitions of the baseline and throughput runs (the median is reported)
     * @param quick              whether this was a {@code --quick} run
     * @param clientSettings     Kafka client settings given with {@code --client-setting}
     */
    record Settings(String broker, int cores, int partitions, int streamThreads, long commitIntervalMs,
                    long cacheMaxBytes, int historyLimit, int participantWorkers, int participantBatch,
                    int concurrency, int runs, boolean quick, Map<String, String> clientSettings) {
    }

    /**
     * @param recordsPerRun     records each run passed through
     * @param runs              records per second of each run
     * @param recordsPerSecond  their median
     * @param cpuMicrosPerRecord the median CPU time (client JVM and broker) per record
     */
    record Baseline(int recordsPerRun, List<Double> runs, double recordsPerSecond, double cpuMicrosPerRecord) {
    }

    /**
     * @param runs             sagas per second of each run
     * @param sagasPerSecond   their median
     * @param hopsPerSaga      exactly-once hops per saga (start, then a command and a reply per step)
     * @param hopsPerSecond    sagas per second times hops per saga
     * @param ratioToBaseline  hops per second over the baseline's records per second
     * @param endToEnd         latency of the median run (closed loop, saturated)
     * @param cpuMicrosPerSaga the median CPU time (this JVM and the broker) per saga
     * @param brokerCpuMicrosPerSaga the broker's part of it (the median run's)
     * @param cpuRatioToBaseline the baseline's CPU per record times hops per saga, over the CPU per saga: the share
     *                         of the baseline's hop rate a CPU-bound run would reach, whatever else used the machine
     */
    record Throughput(List<Double> runs, double sagasPerSecond, int hopsPerSaga, double hopsPerSecond,
                      double ratioToBaseline, Latency endToEnd, double cpuMicrosPerSaga,
                      double brokerCpuMicrosPerSaga, double cpuRatioToBaseline) {
    }

    /**
     * @param share          the offered load as a share of the measured maximum
     * @param offeredPerSecond sagas offered per second
     * @param achievedPerSecond sagas completed per second
     * @param cpuMicrosPerSaga CPU time (this JVM and the broker) per saga
     * @param endToEnd       intended start to outcome seen
     * @param steps          per step (previous command handled to this one handled), then the last to the outcome
     */
    record Load(double share, double offeredPerSecond, double achievedPerSecond, double cpuMicrosPerSaga,
                Latency endToEnd, List<Latency> steps) {

        /** What an open-loop run at {@code share} of the maximum, {@code offeredPerSecond}, measured. */
        static Load of(double share, double offeredPerSecond, SagaRig.Measured measured) {
            return new Load(share, offeredPerSecond, measured.sagasPerSecond(), measured.cpuMicrosPerSaga(),
                    measured.endToEnd(), measured.steps());
        }
    }

    /**
     * The four-step saga with its steps answered by Conductor-protocol workers (the poll bridge and Conductor's Java
     * worker runner), measured after the SDK path in the same run, with the same concurrency and repetitions.
     *
     * @param threadsPerType     the worker runner's threads per task type (and its largest batch poll)
     * @param pollTimeoutMs      how long a batch poll waits on the server for its first task
     * @param runs               sagas per second of each run
     * @param sagasPerSecond     their median
     * @param sdkSagasPerSecond  the SDK path's median of the same run ({@link Throughput#sagasPerSecond()})
     * @param ratioToSdk         sagas per second over the SDK path's
     * @param endToEnd           latency of the median run (closed loop, saturated)
     * @param cpuMicrosPerSaga   the median CPU time (this JVM and the broker) per saga
     * @param brokerCpuMicrosPerSaga the broker's part of it (the median run's)
     * @param cpuRatioToSdk      CPU per saga over the SDK path's
     * @param half               latencies at half of this path's own maximum (open loop)
     */
    record Conductor(int threadsPerType, int pollTimeoutMs, List<Double> runs, double sagasPerSecond,
                     double sdkSagasPerSecond, double ratioToSdk, Latency endToEnd, double cpuMicrosPerSaga,
                     double brokerCpuMicrosPerSaga, double cpuRatioToSdk, Load half) {
    }
}
