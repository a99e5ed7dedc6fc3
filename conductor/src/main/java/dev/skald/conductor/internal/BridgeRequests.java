package dev.skald.conductor.internal;

import dev.skald.orchestrator.OrchestratorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the REST API's requests to the bridge's input topics, keyed by saga id, and returns once the broker has
 * them: lease requests to the polls topic, workers' updates to the updates topic.
 */
final class BridgeRequests implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final BridgeTopics names;
    private final JsonSerde<LeaseRequest> leases = JsonSerde.of(LeaseRequest.class);
    private final JsonSerde<WorkerUpdate> updates = JsonSerde.of(WorkerUpdate.class);

    BridgeRequests(OrchestratorConfig config, BridgeTopics names) {
        Properties props = config.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, config.maxStateBytes() + 65_536));
        this.producer = new KafkaProducer<>(props, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        this.names = names;
    }

    /** Sends lease requests, each keyed by the saga id of its task. */
    void lease(List<BridgeTask> wanted, LeaseRequestFactory factory) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (BridgeTask task : wanted) {
            sent.add(producer.send(new ProducerRecord<>(names.polls(), task.sagaId(),
                    leases.write(factory.request(task)))));
        }
        sent.forEach(this::await);
    }

    /** Sends a worker's update of a task of this saga. */
    void update(String sagaId, WorkerUpdate update) {
        await(producer.send(new ProducerRecord<>(names.updates(), sagaId, updates.write(update))));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void await(Future<RecordMetadata> sent) {
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BridgeUnavailableException("cannot write to the Conductor bridge: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new BridgeUnavailableException("the Conductor bridge's topics did not take a write within "
                    + SEND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeUnavailableException("interrupted while writing to the Conductor bridge", e);
        }
    }

    /** The lease request of one task. */
    @FunctionalInterface
    interface LeaseRequestFactory {
        LeaseRequest request(BridgeTask task);
    }
}
