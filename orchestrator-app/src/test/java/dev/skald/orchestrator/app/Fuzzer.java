package dev.skald.orchestrator.app;

import static dev.skald.orchestrator.app.HostileInputs.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs fuzz batches against one application on a real broker, and checks after each that nothing stopped and
 * nothing was lost: every HTTP answer is a 2xx or a 4xx, never a 5xx; every record written to an input topic is a
 * dead letter or an input of a saga that exists; and a probe saga on every partition still completes.
 */
final class Fuzzer implements AutoCloseable {
    static final int PARTITIONS = 3;
    private static final String GREETING = """
            {"name": "greeting", "version": 1, "steps": [
              {"id": "greet", "participant": "greeter", "command": "SayHello", "input": {"name": "${input.name}"}}
            ]}""";

    private final AppFixture fixture;
    private final RestClient rest;
    private final OrchestratorConfig config;
    private final WireSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;

    Fuzzer() {
        fixture = AppFixture.start("fuzz-it-" + UUID.randomUUID(), Map.of("skald.partitions", PARTITIONS),
                command -> Answer.ok("{}"));
        rest = fixture.rest();
        config = fixture.app().orchestrator().config();
        serdes = WireSerdes.create(config.serdeConfig());
        Properties props = config.clientProperties();
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        assertThat(rest.post("/definitions", GREETING).status()).isEqualTo(201);
    }

    OrchestratorConfig config() {
        return config;
    }

    /** Sends the batch, then checks the invariants. */
    void run(List<FuzzActions.Action> batch) throws Exception {
        String runId = UUID.randomUUID().toString();
        List<String> rawIds = new ArrayList<>();
        List<String> rawKeys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            FuzzActions.Action action = batch.get(i);
            if (action instanceof FuzzActions.Rest call) {
                RestClient.Reply reply = send(call);
                assertThat(reply.status()).as("%s answered %s", call, reply).isLessThan(500);
            } else if (action instanceof FuzzActions.Raw raw) {
                String id = runId + "/" + i;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(raw.topic(), raw.key(),
                        raw.value().apply(serdes));
                record.headers().add("fuzz-id", id.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
                rawIds.add(id);
                rawKeys.add(raw.key());
            }
        }
        HostileInputs.probeEveryPartition(rest, "greeting", PARTITIONS);
        assertNothingLost(rawIds, rawKeys);
        assertThat(rest.get("/health/ready").status()).as("ready after the batch").isEqualTo(200);
    }

    /**
     * Each raw record is a dead letter, or went to a saga that exists (a duplicate start, a control, a timer). The
     * probes completed on every partition after the records were written, so every record has been processed and
     * its dead letter, if any, committed.
     */
    private void assertNothingLost(List<String> ids, List<String> keys) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> dead = HostileInputs.deadLettersToEnd(config).stream().map(r -> header(r, "fuzz-id"))
                .collect(Collectors.toSet());
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!dead.contains(ids.get(i)) && !sagaExists(keys.get(i))) {
                lost.add(ids.get(i) + " (key " + keys.get(i) + ")");
            }
        }
        assertThat(lost).as("records neither dead-lettered nor applied to a saga").isEmpty();
    }

    private boolean sagaExists(String key) {
        return key != null && dev.skald.saga.definition.Identifiers.SAGA_ID.valid(key)
                && rest.get("/sagas/" + HostileInputs.segment(key)).status() == 200;
    }

    private RestClient.Reply send(FuzzActions.Rest call) {
        return call.body() == null ? rest.get(call.path()) : rest.post(call.path(), call.body());
    }

    @Override
    public void close() {
        producer.close();
        fixture.close();
    }
}
