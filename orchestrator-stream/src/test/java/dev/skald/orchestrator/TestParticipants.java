package dev.skald.orchestrator;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.orchestrator.internal.Serdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scripted participants for orchestrator tests (the real SDK lives in participants/): a thread that reads every
 * command topic with read_committed and answers each command as its script says, recording what it saw. Public for
 * the tests of the REST application in {@code dev.skald.orchestrator.app}.
 */
public final class TestParticipants implements AutoCloseable {
    /** How to answer one command; null means "do not answer" (a lost reply). */
    public record Answer(ReplyOutcome outcome, String output, String error) {
        public static Answer ok(String outputJson) {
            return new Answer(ReplyOutcome.SUCCESS, outputJson, null);
        }

        public static Answer fail(String error) {
            return new Answer(ReplyOutcome.BUSINESS_FAILURE, null, error);
        }

        public static Answer retry(String error) {
            return new Answer(ReplyOutcome.RETRIABLE_FAILURE, null, error);
        }
    }

    private final OrchestratorConfig config;
    private final Serdes serdes;
    private final Function<SagaCommand, Answer> script;
    private final List<SagaCommand> seen = new CopyOnWriteArrayList<>();
    private final Queue<Map.Entry<SagaCommand, Answer>> late = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TestParticipants(OrchestratorConfig config, Function<SagaCommand, Answer> script) {
        this.config = config;
        this.serdes = Serdes.create(config.serdeConfig());
        this.script = script;
        this.thread = new Thread(this::loop, "test-participants");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Properties c = config.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-participants-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        Properties p = config.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.subscribe(Pattern.compile(Pattern.quote(config.topics().commandsPrefix()) + ".*"));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SagaCommand command = serdes.commands().deserializer().deserialize(record.topic(), record.value());
                    seen.add(command);
                    deliveries.merge(command.getCommandId(), 1, Integer::sum);
                    Answer answer = script.apply(command);
                    if (answer != null) {
                        reply(producer, command, answer);
                    }
                }
                for (Map.Entry<SagaCommand, Answer> held; (held = late.poll()) != null; ) {
                    reply(producer, held.getKey(), held.getValue());
                }
            }
        }
    }

    private void reply(KafkaProducer<String, byte[]> producer, SagaCommand command, Answer answer) {
        SagaReply reply = SagaReply.newBuilder().setCommandId(command.getCommandId())
                .setSagaId(command.getSagaId()).setStepId(command.getStepId())
                .setAttempt(command.getAttempt()).setKind(command.getKind())
                .setOutcome(answer.outcome()).setOutput(answer.output()).setError(answer.error())
                .setRepliedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(config.topics().replies(), command.getSagaId(),
                serdes.replies().serializer().serialize(config.topics().replies(), reply)));
    }

    /** Answers a command the script left unanswered (a participant that held its reply), from the loop thread. */
    public void answerLater(SagaCommand command, Answer answer) {
        late.add(Map.entry(command, answer));
    }

    /** Every command seen, in order. */
    public List<SagaCommand> seen() {
        return List.copyOf(seen);
    }

    /** Commands of one saga, as "stepId:kind", in order. */
    public List<String> trace(String sagaId) {
        return seen.stream().filter(c -> c.getSagaId().equals(sagaId))
                .map(c -> c.getStepId() + (c.getKind() == CommandKind.COMPENSATION ? ":undo" : "")).toList();
    }

    /** How often each command id was delivered. */
    public Map<String, Integer> deliveries() {
        return Map.copyOf(deliveries);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
