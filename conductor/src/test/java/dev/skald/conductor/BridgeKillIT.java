package dev.skald.conductor;

import static dev.skald.conductor.PollingWorkersIT.completed;
import static dev.skald.conductor.PollingWorkersIT.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.conductor.client.automator.TaskRunnerConfigurer;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.worker.Worker;
import dev.skald.avro.SagaReply;
import dev.skald.orchestrator.app.AppMain;
import dev.skald.schemas.AvroSerdes;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.JvmProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The application, with the poll bridge, killed with SIGKILL while Conductor workers hold leases, and replaced by a
 * new process with an empty state directory: every saga completes, and the replies topic holds one reply per task.
 * The workers of the killed process cannot reach its replacement (another port), so every lease they held ends with its
 * response timeout, 3 seconds for every type here. The kill waits until one lease is committed (its record is in the
 * tasks store's changelog, read with {@code read_committed}): a poll may answer before its lease commits, and such a
 * lease is lost with the process and the task leased again (docs/conductor.md, Crashes and exactly-once).
 */
@Tag("slow")
class BridgeKillIT {
    private static final int SAGAS = 12;
    private static final String APPLICATION = "bridge-kill-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledApplicationIsReplacedAndEveryTaskCompletesOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CountDownLatch killed = new CountDownLatch(1);
            AtomicInteger held = new AtomicInteger();
            Worker a = Worker.create("kill_a", task -> completed(task, Map.of("a", 1)));
            Worker c = Worker.create("kill_c", task -> completed(task, Map.of("c", 1)));
            List<String> sagas = new ArrayList<>();
            int port;
            try (JvmProcess first = application(kafka, "first", port = freePort())) {
                PollingWorkersIT.Http http = http(port);
                assertThat(http.post("/definitions", sequence("killed", "kill_a", "kill_b", "kill_c"))
                        .statusCode()).isIn(200, 201);
                for (int i = 0; i < SAGAS; i++) {
                    HttpResponse<String> started = http.post("/sagas", "{\"definition\": \"killed\", \"input\": {}}");
                    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                    sagas.add(JSON.readTree(started.body()).get("sagaId").asText());
                }
                TaskRunnerConfigurer before = runner(port, a, c, Worker.create("kill_b", task -> {
                    held.incrementAndGet();
                    return awaitQuietly(killed) ? completed(task, Map.of("b", "before")) : null;
                }));
                try {
                    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(held).hasPositiveValue());
                    awaitCommittedLease(kafka);
                    first.kill();
                    killed.countDown();
                } finally {
                    before.shutdown();
                }
            }
            int second = freePort();
            try (JvmProcess replacement = application(kafka, "second", second)) {
                TaskRunnerConfigurer after = runner(second, a, c,
                        Worker.create("kill_b", task -> completed(task, Map.of("b", "after"))));
                try {
                    PollingWorkersIT.Http http = http(second);
                    for (String id : sagas) {
                        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                                .until(() -> status(http, id), "COMPLETED"::equals);
                    }
                } finally {
                    after.shutdown();
                }
            }
            List<SagaReply> replies = replies(kafka);
            Map<String, Integer> perTask = new HashMap<>();
            replies.forEach(reply -> perTask.merge(reply.getCommandId(), 1, Integer::sum));
            assertThat(perTask).hasSizeGreaterThanOrEqualTo(SAGAS * 3);
            assertThat(perTask.values()).as("replies per task id").containsOnly(1);
            // the leases held at the kill came back with the bridge's store, and ended with their response timeout
            assertThat(replies).anySatisfy(reply -> assertThat(reply.getError()).startsWith("TIMED_OUT"));
        }
    }

    private static JvmProcess application(EmbeddedKafka kafka, String name, int port) throws Exception {
        return JvmProcess.builder(AppMain.class).name("conductor-app-" + name)
                .systemProperty("skald.bootstrap-servers", kafka.bootstrapServers())
                .systemProperty("skald.application-id", APPLICATION)
                .systemProperty("skald.schema-registry-url", "mock://" + APPLICATION)
                .systemProperty("skald.state-dir", Files.createTempDirectory("skald-kill-" + name).toString())
                .systemProperty("skald.partitions", "3")
                .systemProperty("skald.commit-interval", "50ms")
                .systemProperty("skald.timer-interval", "50ms")
                .systemProperty("skald.kafka.session.timeout.ms", "6000")
                .systemProperty("skald.kafka.heartbeat.interval.ms", "1000")
                .systemProperty("micronaut.server.port", Integer.toString(port))
                .systemProperty(TestTaskDefinitions.PROPERTY, "kill_a=3,kill_b=3,kill_c=3")
                .readyLine(AppMain.READY)
                .startTimeout(Duration.ofSeconds(180))
                .start();
    }

    private static TaskRunnerConfigurer runner(int port, Worker... workers) {
        TaskClient client = new TaskClient(new ConductorClient("http://localhost:" + port + "/api"));
        TaskRunnerConfigurer runner = new TaskRunnerConfigurer.Builder(client, List.of(workers)).withThreadCount(6)
                .withUpdateRetryCount(1).withSleepWhenRetry(100).withShutdownGracePeriodSeconds(1).build();
        runner.init();
        return runner;
    }

    private static PollingWorkersIT.Http http(int port) {
        return new PollingWorkersIT.Http("http://localhost:" + port);
    }

    private static String status(PollingWorkersIT.Http http, String sagaId) throws Exception {
        HttpResponse<String> saga = http.get("/sagas/" + sagaId);
        if (saga.statusCode() != 200) {
            return null;
        }
        JsonNode json = JSON.readTree(saga.body());
        return json.get("status").asText();
    }

    /** Waits until the bridge has committed a lease of {@code kill_b}. */
    private static void awaitCommittedLease(EmbeddedKafka kafka) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(committedReader(kafka),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(APPLICATION + "-conductor-conductor-tasks-changelog"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode task = record.value() == null ? null : JSON.readTree(record.value());
                    if (task != null && "IN_PROGRESS".equals(task.path("status").asText())
                            && "kill_b".equals(task.path("origin").path("stepId").asText())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private static Properties committedReader(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bridge-kill-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /** Every committed reply, read until the topic has been quiet for three polls. */
    private static List<SagaReply> replies(EmbeddedKafka kafka) {
        Properties props = committedReader(kafka);
        Deserializer<SagaReply> values = AvroSerdes.of(SagaReply.class,
                Map.of("schema.registry.url", "mock://" + APPLICATION)).deserializer();
        List<SagaReply> replies = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("skald.saga-replies"));
            AtomicInteger quietPolls = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                int read = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    replies.add(values.deserialize(record.topic(), record.value()));
                    read++;
                }
                return !replies.isEmpty() && (read == 0 ? quietPolls.incrementAndGet() : quietPolls.getAndSet(0)) >= 3;
            });
        }
        return replies;
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(3, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
