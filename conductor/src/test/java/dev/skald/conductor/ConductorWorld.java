package dev.skald.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import dev.skald.avro.SagaReply;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.schemas.AvroSerdes;
import dev.skald.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the drop-in tests run: the application on a real broker ({@link AppFixture}), Skald definitions whose steps are
 * Conductor tasks, Conductor's own client and worker runner pointed at it, and reads of the outcome.
 */
final class ConductorWorld implements AutoCloseable {
    private final AppFixture fixture;
    private final List<TaskRunnerConfigurer> runners = new ArrayList<>();

    private ConductorWorld(AppFixture fixture) {
        this.fixture = fixture;
    }

    /** Starts the broker and the application, with these task types polled (type to response timeout seconds). */
    static ConductorWorld start(String applicationId, Map<String, Integer> taskTypes) {
        return start(applicationId, taskTypes, Map.of());
    }

    /** Starts the broker and the application with these task types and these settings besides. */
    static ConductorWorld start(String applicationId, Map<String, Integer> taskTypes, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("skald.partitions", 3);
        settings.put(TestTaskDefinitions.PROPERTY, TestTaskDefinitions.property(taskTypes));
        return new ConductorWorld(AppFixture.start(applicationId, settings));
    }

    AppFixture fixture() {
        return fixture;
    }

    Orchestrator orchestrator() {
        return fixture.app().orchestrator();
    }

    /** Registers a native Skald definition. */
    void define(String json) {
        orchestrator().apply(SagaDocuments.fromJson(json));
    }

    String start(String definition) {
        return orchestrator().startSaga(StartRequest.of(definition, Map.of("order", "o-1")));
    }

    /** Conductor's task client, for this application's {@code /api}. */
    TaskClient taskClient() {
        return new TaskClient(new ConductorClient(fixture.app().uri() + "/api"));
    }

    /** Starts Conductor's worker runner with these workers; {@link #close()} stops it. */
    TaskRunnerConfigurer run(Worker... workers) {
        TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(taskClient(), List.of(workers))
                .withThreadCount(Math.max(2, workers.length * 2)).withUpdateRetryCount(2).withSleepWhenRetry(200)
                .build();
        runner.init();
        runners.add(runner);
        return runner;
    }

    /** Restarts the application (a fresh state directory: its stores come back from their changelogs). */
    void restartApp() {
        fixture.restartApp();
    }

    void stopRunners() {
        runners.forEach(TaskRunnerConfigurer::shutdown);
        runners.clear();
    }

    SagaView awaitStatus(String sagaId, SagaStatus status, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> saga(sagaId).orElse(null), saga -> saga != null && saga.status() == status);
    }

    Optional<SagaView> saga(String sagaId) {
        return orchestrator().queries().saga(sagaId);
    }

    /** Every reply on the replies topic so far, counted per command id. */
    Map<String, Long> repliesPerCommand() {
        return replies().stream().collect(Collectors.groupingBy(SagaReply::getCommandId, Collectors.counting()));
    }

    /** Every reply on the replies topic so far (committed ones only). */
    List<SagaReply> replies() {
        var config = orchestrator().config();
        Deserializer<SagaReply> values = AvroSerdes.of(SagaReply.class, config.serdeConfig()).deserializer();
        String topic = config.topics().replies();
        return committed(topic).stream().map(record -> values.deserialize(topic, record.value())).toList();
    }

    /** Writes a raw record, as something other than the API would. */
    void produce(String topic, String key, String value) {
        Properties props = orchestrator().config().clientProperties();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** The kinds of the dead letters of records read from this topic so far. */
    List<String> deadLetterKinds(String sourceTopic) {
        return committed(orchestrator().config().topics().deadLetters()).stream()
                .filter(record -> sourceTopic.equals(header(record, DeadLetterHeaders.TOPIC)))
                .map(record -> header(record, DeadLetterHeaders.KIND)).toList();
    }

    /** Every committed record of a topic, from its beginning to its end as it is now. */
    private List<ConsumerRecord<String, byte[]>> committed(String topic) {
        Properties props = orchestrator().config().clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Asserts that no command was answered twice. */
    void assertEveryCommandAnsweredOnce() {
        Map<String, Long> counts = repliesPerCommand();
        assertThat(counts).isNotEmpty();
        assertThat(counts).allSatisfy((commandId, count) -> assertThat(count).as(commandId).isEqualTo(1L));
    }

    @Override
    public void close() {
        try {
            stopRunners();
        } finally {
            fixture.close();
        }
    }
}
