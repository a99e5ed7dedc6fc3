package dev.skald.bench;

import dev.skald.avro.HistoryType;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Saga;
import dev.skald.schemas.AvroSerdes;
import dev.skald.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How late durable timers fire. Starts sagas whose only step waits {@code WAIT} and measures, from the history
 * topic, how long after its due time each wait ended: first a few sagas on an idle orchestrator, then bursts of
 * sagas whose timers all come due together. Prints a table; asserts nothing.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q -B -pl benchmarks exec:java
 * -Dexec.mainClass=dev.skald.bench.TimerPrecision} (arguments: burst sizes, default {@code 100 1000 5000}).
 */
public final class TimerPrecision {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private TimerPrecision() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> bursts = args.length == 0 ? List.of(100, 1000, 5000)
                : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                    .applicationId("timer-precision").schemaRegistryUrl("mock://timer-precision").partitions(6)
                    .stateDir(Files.createTempDirectory("skald-timers")).build();
            try (Orchestrator orchestrator = Orchestrator.start(config)) {
                orchestrator.apply(Saga.named("sleeper").version(1).step("nap").waitFor(WAIT).build());
                System.out.printf("Timer precision: lateness of a %d s wait after its due time (timer interval %d ms,"
                        + " commit interval %d ms, %d partitions, 1 stream thread)%n", WAIT.toSeconds(),
                        config.timerInterval().toMillis(), config.commitInterval().toMillis(), config.partitions());
                System.out.println("fired: due time to the punctuation that fired the timer; seen: due time to a"
                        + " read_committed consumer of the history seeing the wait end");
                System.out.printf("%8s %10s %10s %10s %10s %12s %12s %12s %12s%n", "sagas", "fired p50", "fired p90",
                        "fired p99", "fired max", "seen p50", "seen p99", "started/s", "fired/s");
                run(orchestrator, config, 20, "warm-up");
                for (int burst : bursts) {
                    run(orchestrator, config, burst, null);
                }
            }
        }
    }

    private static void run(Orchestrator orchestrator, OrchestratorConfig config, int sagas, String label) {
        String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";
        long startedAt = System.nanoTime();
        List<StartRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < sagas; i++) {
            requests.add(StartRequest.of("sleeper", Map.of()).sagaId(prefix + i));
        }
        orchestrator.startSagas(requests);
        double startSeconds = (System.nanoTime() - startedAt) / 1e9;
        Histogram lateness = new Histogram(3_600_000L, 3);
        Histogram observed = new Histogram(3_600_000L, 3);
        Map<String, Instant> waiting = new HashMap<>();
        Instant firstFire = null;
        Instant lastFire = null;
        Deserializer<SagaHistoryEvent> history = AvroSerdes.of(SagaHistoryEvent.class, config.serdeConfig())
                .deserializer();
        try (KafkaConsumer<String, byte[]> consumer = consumer(config)) {
            consumer.subscribe(List.of(config.topics().history()));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (lateness.getTotalCount() < sagas && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!r.key().startsWith(prefix)) {
                        continue;
                    }
                    SagaHistoryEvent e = history.deserialize(r.topic(), r.value());
                    if (e.getType() != HistoryType.STEP_TRANSITION) {
                        continue;
                    }
                    if ("WAITING".equals(e.getTo())) {
                        waiting.put(e.getSagaId(), e.getAt());
                    } else if ("WAIT_ELAPSED".equals(e.getTrigger()) && waiting.containsKey(e.getSagaId())) {
                        Instant due = waiting.get(e.getSagaId()).plus(WAIT);
                        lateness.recordValue(Math.max(0, Duration.between(due, e.getAt()).toMillis()));
                        observed.recordValue(Math.max(0, Duration.between(due, Instant.now()).toMillis()));
                        firstFire = firstFire == null || e.getAt().isBefore(firstFire) ? e.getAt() : firstFire;
                        lastFire = lastFire == null || e.getAt().isAfter(lastFire) ? e.getAt() : lastFire;
                    }
                }
            }
        }
        if (label != null) {
            return;
        }
        double seconds = Math.max(0.001, Duration.between(firstFire, lastFire).toMillis() / 1000.0);
        System.out.printf("%8d %10d %10d %10d %10d %12d %12d %12.0f %12.0f%n", sagas,
                lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(90),
                lateness.getValueAtPercentile(99), lateness.getMaxValue(), observed.getValueAtPercentile(50),
                observed.getValueAtPercentile(99), sagas / startSeconds, sagas / seconds);
    }

    private static KafkaConsumer<String, byte[]> consumer(OrchestratorConfig config) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "timer-precision-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
