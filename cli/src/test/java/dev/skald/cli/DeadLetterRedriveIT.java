package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.SagaCommand;
import dev.skald.cli.internal.KafkaAccess;
import dev.skald.cli.internal.TopicReader;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.schemas.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts of a definition that does not exist yet dead-letter; once it is applied, {@code skald dead-letters redrive}
 * brings them back, and every saga runs exactly once however often the redrive runs; a rebuild from the topics
 * (which meet the original starts first) reaches the same sagas. A dead letter naming a topic that is not one of
 * Skald's inputs is refused until the operator names that topic.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterRedriveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAGAS = 6;
    private static final String LATE = """
            {"name": "late", "version": 1, "steps": [
              {"id": "work", "participant": "worker", "command": "Work", "input": {"n": "${input.n}"}}
            ]}""";

    private AppFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("redrive-it", Map.of("skald.partitions", 3), command -> Answer.ok("{}"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private CliRun skald(String... args) {
        return CliRun.run(Map.of("SKALD_API", fixture.app().uri().toString(), "SKALD_BOOTSTRAP_SERVERS",
                fixture.kafka().bootstrapServers(), "SKALD_SCHEMA_REGISTRY_URL", "mock://redrive-it"), args);
    }

    private JsonNode json(String... args) {
        CliRun run = skald(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void redrivenStartsRunEachSagaExactlyOnce() throws IOException {
        List<String> ids = IntStream.range(0, SAGAS).mapToObj(i -> "late-" + i).toList();
        fixture.app().orchestrator().startSagas(ids.stream()
                .map(id -> StartRequest.of("late", Map.of("n", id)).sagaId(id)).toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> json("dead-letters", "list", "--kind",
                "UNKNOWN_DEFINITION", "--json").size() == SAGAS);
        assertThat(skald("dead-letters", "list", "--saga", "late-0").out())
                .containsPattern("UNKNOWN_DEFINITION +late-0 +skald.saga-starts/\\d@\\d+").endsWith("1 dead letter\n");

        Path late = Files.writeString(dir.resolve("late.json"), LATE);
        assertThat(skald("definitions", "apply", late.toString()).exitCode()).isZero();
        assertThat(skald("dead-letters", "redrive", "--kind", "UNKNOWN_DEFINITION", "--dry-run").out())
                .startsWith("would re-drive " + SAGAS + " dead letters\n");
        assertThat(skald("dead-letters", "redrive", "--kind", "UNKNOWN_DEFINITION").out())
                .startsWith("re-drove " + SAGAS + " dead letters\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> json("list", "--definition", "late", "--status",
                "COMPLETED", "--json").size() == SAGAS);
        CliRun again = skald("dead-letters", "redrive", "--kind", "UNKNOWN_DEFINITION");
        assertThat(again.out()).isEqualTo("re-drove 0 dead letters\nskipped " + SAGAS + " already re-driven\n");
        CliRun all = skald("dead-letters", "redrive", "--all", "--json");
        assertThat(JSON.readTree(all.out()).path("redriven")).isEmpty();

        Map<String, Long> commandsBySaga = commands().stream()
                .collect(Collectors.groupingBy(SagaCommand::getSagaId, Collectors.counting()));
        assertThat(commandsBySaga).containsOnlyKeys(ids).allSatisfy((saga, count) -> assertThat(count).isOne());
        assertThat(commands()).extracting(SagaCommand::getCommandId).doesNotHaveDuplicates();

        CliRun rebuild = skald("rebuild", "--application-id", "redrive-it-rebuilt");
        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        assertThat(rebuild.out()).isEqualTo(SAGAS + " sagas identical\n");
    }

    @Test
    @Order(2)
    void concurrentRedrivesReDriveEachDeadLetterOnce() throws Exception {
        List<String> ids = IntStream.range(0, SAGAS).mapToObj(i -> "racing-" + i).toList();
        fixture.app().orchestrator().startSagas(ids.stream().map(id -> StartRequest.of("racing").sagaId(id)).toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> json("dead-letters", "list", "--reason-contains",
                "'racing'", "--json").size() == SAGAS);
        Path racing = Files.writeString(dir.resolve("racing.json"), LATE.replace("\"late\"", "\"racing\""));
        assertThat(skald("definitions", "apply", racing.toString()).exitCode()).isZero();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(pool.submit(() -> skald("dead-letters", "redrive", "--reason-contains", "'racing'", "--json")));
        }
        int redriven = 0;
        for (Future<CliRun> run : runs) {
            CliRun done = run.get(2, TimeUnit.MINUTES);
            if (done.exitCode() == 0) {
                redriven += JSON.readTree(done.out()).path("redriven").size();
            } else {
                assertThat(done.err()).as(done.toString()).contains("fenced this one");
            }
        }
        pool.shutdown();

        assertThat(redriven).isEqualTo(SAGAS);
        await().atMost(Duration.ofSeconds(60)).until(() -> json("list", "--definition", "racing", "--status",
                "COMPLETED", "--json").size() == SAGAS);
        assertThat(commands().stream().filter(c -> c.getSagaId().startsWith("racing-")))
                .extracting(SagaCommand::getSagaId).hasSize(SAGAS).doesNotHaveDuplicates();
    }

    @Test
    @Order(3)
    void aDeadLetterNamingAnotherTopicIsRefusedUntilTheOperatorAllowsIt() throws Exception {
        String victim = "redrive-it.victim";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                fixture.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(victim, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        deadLetter("hostile-1", victim);

        CliRun refused = skald("dead-letters", "redrive", "--saga", "hostile-1");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).as(refused.toString())
                .startsWith("re-drove 0 dead letters\nrefused 1 dead letter\n")
                .containsPattern("REJECTED +hostile-1 +redrive-it.victim +skald.dlq.topic 'redrive-it.victim' is not "
                        + "one of Skald's input topics; re-drive to it only by naming it with --allow-topic\n");
        assertThat(refused.err()).startsWith("skald: refused 1 dead letter from a topic that is not one of Skald's");
        assertThat(records(victim)).isEmpty();

        CliRun allowed = skald("dead-letters", "redrive", "--saga", "hostile-1", "--allow-topic", victim, "--json");

        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        JsonNode result = JSON.readTree(allowed.out());
        assertThat(result.path("redriven")).hasSize(1);
        assertThat(result.path("refused")).isEmpty();
        // the commit returns before its markers reach the partition: read_committed sees the record a moment later
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(records(victim)).hasSize(1)
                .allSatisfy(r -> assertThat(r.key()).asString(StandardCharsets.UTF_8).isEqualTo("hostile-1")));
    }

    /** Writes a dead letter straight to the dead-letter topic, as anyone allowed to write there could. */
    private void deadLetter(String sagaId, String originTopic) throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                fixture.kafka().bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        List<Header> headers = List.of(header("skald.dlq.kind", "REJECTED"), header("skald.dlq.reason", "crafted"),
                header("skald.dlq.topic", originTopic), header("skald.dlq.saga-id", sagaId));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>(fixture.app().orchestrator().config().topics().deadLetters(), null,
                    sagaId.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8), headers))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return new TopicReader(new KafkaAccess(fixture.kafka().bootstrapServers(), Map.of(),
                fixture.app().orchestrator().config().topics())).readAll(topic);
    }

    /** Every command on the worker's topic, as a read_committed consumer sees them. */
    private List<SagaCommand> commands() {
        OrchestratorConfig config = fixture.app().orchestrator().config();
        Deserializer<SagaCommand> reader = AvroSerdes.of(SagaCommand.class, config.serdeConfig()).deserializer();
        Function<byte[], SagaCommand> decode = bytes -> reader.deserialize(config.topics().commands("worker"), bytes);
        return new TopicReader(new KafkaAccess(fixture.kafka().bootstrapServers(), Map.of(), config.topics()))
                .readAll(config.topics().commands("worker")).stream().map(r -> decode.apply(r.value())).toList();
    }
}
