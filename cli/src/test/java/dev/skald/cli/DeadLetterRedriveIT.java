package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.avro.SagaCommand;
import dev.skald.cli.internal.KafkaAccess;
import dev.skald.cli.internal.TopicReader;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.orchestrator.internal.Serdes;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * (which meet the original starts first) reaches the same sagas.
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
        fixture.app().orchestrator().startSagas(ids.stream().map(id -> new StartRequest("late", null,
                JsonNodeFactory.instance.objectNode().put("n", id), id, null, null)).toList());
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
        fixture.app().orchestrator().startSagas(ids.stream().map(id -> new StartRequest("racing", null,
                JsonNodeFactory.instance.objectNode(), id, null, null)).toList());
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

    /** Every command on the worker's topic, as a read_committed consumer sees them. */
    private List<SagaCommand> commands() {
        OrchestratorConfig config = fixture.app().orchestrator().config();
        Function<byte[], SagaCommand> decode = bytes -> Serdes.create(config.serdeConfig()).commands().deserializer()
                .deserialize(config.topics().commands("worker"), bytes);
        return new TopicReader(new KafkaAccess(fixture.kafka().bootstrapServers(), Map.of(), config.topics()))
                .readAll(config.topics().commands("worker")).stream().map(r -> decode.apply(r.value())).toList();
    }
}
