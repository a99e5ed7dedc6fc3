package dev.skald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.json.Json;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The throughput and latency rig: the orchestrator application, workers that answer the four steps of the
 * {@code bench} saga at once ({@link StepWorkers}: the participant SDK, or Conductor-protocol workers), and a reader
 * of the outcomes topic. Sagas are submitted closed-loop
 * (as many as complete, with a bound in flight) or open-loop at a fixed rate.
 */
final class SagaRig implements AutoCloseable {
    static final int STEPS = 4;
    /** Exactly-once hops per saga: the start, then each step's command and its reply. */
    static final int HOPS = 1 + 2 * STEPS;
    /** The participant of every step; its command types are {@link #command(int)}. */
    static final String PARTICIPANT = "bench";
    private static final String DEFINITION = "bench";
    private static final Duration DRAIN = Duration.ofMinutes(2);

    private final OrchestratorApp app;
    private final AutoCloseable workers;
    private final Tracker tracker;
    private final CpuMeter cpu;
    private final Thread reader;
    private volatile boolean open = true;
    private int run;

    private SagaRig(OrchestratorApp app, AutoCloseable workers, Tracker tracker, CpuMeter cpu) {
        this.app = app;
        this.workers = workers;
        this.tracker = tracker;
        this.cpu = cpu;
        this.reader = new Thread(this::readOutcomes, "bench-outcomes");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the orchestrator and the participant SDK's workers and applies the definition. */
    static SagaRig start(String bootstrap, RigSettings settings, CpuMeter cpu) throws Exception {
        return start(bootstrap, settings, cpu, new SdkWorkers());
    }

    /** Starts the orchestrator (as {@code workers} need it), applies the definition, and starts the workers. */
    static SagaRig start(String bootstrap, RigSettings settings, CpuMeter cpu, StepWorkers workers) throws Exception {
        OrchestratorApp app = OrchestratorApp.start(bootstrap, workers.applicationId(), workers.topicPrefix(),
                Files.createTempDirectory(workers.applicationId()), settings.commitInterval(), settings.kafka(),
                workers.pollBridge());
        try {
            app.orchestrator().apply(definition());
            Tracker tracker = new Tracker(STEPS);
            return new SagaRig(app, workers.start(app, bootstrap, settings, tracker), tracker, cpu);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /** The saga under test: four task steps, each answered at once. */
    static SagaDefinition definition() {
        var steps = Saga.named(DEFINITION).version(1).step("s1").call(PARTICIPANT, command(1));
        var more = steps.step("s2").call(PARTICIPANT, command(2)).step("s3").call(PARTICIPANT, command(3))
                .step("s4").call(PARTICIPANT, command(4));
        return more.build();
    }

    /** The command type of step {@code step} (from 1). */
    static String command(int step) {
        return "Step" + step;
    }

    Orchestrator orchestrator() {
        return app.orchestrator();
    }

    /**
     * Submits as fast as sagas complete, at most {@code concurrency} in flight, for {@code warmUp} then
     * {@code measured} (longer, up to five times, until a saga completes); returns the completions per second and
     * the latencies of the measured part.
     */
    Measured closedLoop(int concurrency, Duration warmUp, Duration measured) throws InterruptedException {
        String prefix = "c" + (++run) + "-";
        Semaphore permits = new Semaphore(concurrency);
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        long giveUp = end + 4 * measured.toNanos();
        long completedAtStart = -1;
        long measuredSince = 0;
        long cpuSince = 0;
        long brokerSince = 0;
        int next = 0;
        while (completedAtStart < 0 || System.nanoTime() < end
                || tracker.completed() == completedAtStart && System.nanoTime() < giveUp) {
            if (completedAtStart < 0 && System.nanoTime() >= measureFrom) {
                completedAtStart = tracker.completed();
                measuredSince = System.nanoTime();
                cpuSince = cpu.nanos();
                brokerSince = cpu.brokerNanos();
                tracker.newWindow();
            }
            if (permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                int batch = 1 + permits.drainPermits();
                submit(prefix, next, batch, System.nanoTime(), 0, permits::release);
                next += batch;
            }
        }
        long completed = tracker.completed() - completedAtStart;
        double seconds = (System.nanoTime() - measuredSince) / 1e9;
        double cpuMicros = (cpu.nanos() - cpuSince) / 1e3;
        double brokerMicros = (cpu.brokerNanos() - brokerSince) / 1e3;
        Tracker.Window window = tracker.newWindow();
        drain();
        return new Measured(completed / seconds, cpuMicros / completed, brokerMicros / completed,
                window.endToEnd(), window.segments());
    }

    /** Submits at {@code perSecond} for {@code duration} (open loop), waits for every outcome, returns latencies. */
    Measured openLoop(double perSecond, Duration duration) throws InterruptedException {
        String prefix = "o" + (++run) + "-";
        long total = Math.max(1, (long) (perSecond * duration.toNanos() / 1e9));
        tracker.newWindow();
        long completedBefore = tracker.completed();
        long cpuBefore = cpu.nanos();
        long brokerBefore = cpu.brokerNanos();
        Pacer pacer = new Pacer(System.nanoTime() + 1_000_000, perSecond, total);
        long sent = 0;
        while (sent < total) {
            long due = pacer.dueBy(System.nanoTime());
            if (due > sent) {
                submit(prefix, sent, (int) (due - sent), pacer.startNanos(), perSecond, () -> { });
                sent = due;
            } else {
                LockSupport.parkNanos(Math.max(0, pacer.intendedNanos(sent) - System.nanoTime()));
            }
        }
        drain();
        long completed = tracker.completed() - completedBefore;
        double seconds = (System.nanoTime() - pacer.startNanos()) / 1e9;
        Tracker.Window window = tracker.newWindow();
        return new Measured(completed / seconds, (cpu.nanos() - cpuBefore) / 1e3 / completed,
                (cpu.brokerNanos() - brokerBefore) / 1e3 / completed, window.endToEnd(), window.segments());
    }

    /**
     * Publishes {@code count} starts from index {@code first}; with a rate, request i is meant to start at
     * {@code origin + i / rate}, otherwise now.
     */
    private void submit(String prefix, long first, int count, long origin, double perSecond, Runnable onEach) {
        List<StartRequest> requests = new ArrayList<>(count);
        JsonNode input = Json.tree(Map.of("bench", true));
        for (long i = first; i < first + count; i++) {
            String id = prefix + i;
            long intended = perSecond > 0 ? origin + (long) (i * 1e9 / perSecond) : origin;
            tracker.submitted(id, intended, onEach);
            requests.add(StartRequest.of(DEFINITION, input).sagaId(id));
        }
        app.orchestrator().startSagas(requests);
    }

    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (tracker.inFlight() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tracker.inFlight() + " sagas did not finish within " + DRAIN);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void readOutcomes() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.orchestrator().config().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-outcomes");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(app.orchestrator().config().topics().results()));
            while (open) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    tracker.finished(record.key());
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        open = false;
        reader.join(TimeUnit.SECONDS.toMillis(10));
        try {
            workers.close();
        } finally {
            app.close();
        }
    }

    /**
     * What one run measured.
     *
     * @param sagasPerSecond completions per second
     * @param cpuMicrosPerSaga CPU time of this JVM (orchestrator, participant, driver) and the broker per saga
     * @param brokerCpuMicrosPerSaga the broker's share of it
     * @param endToEnd       submit (or intended submit) to outcome seen
     * @param steps          per step, then the last command to the outcome
     */
    record Measured(double sagasPerSecond, double cpuMicrosPerSaga, double brokerCpuMicrosPerSaga,
                    Latency endToEnd, List<Latency> steps) {
    }
}
