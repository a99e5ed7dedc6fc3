package dev.skald.chaos.internal;

import dev.skald.avro.SagaResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the committed saga outcomes ({@code read_committed}) while the run goes on: how many sagas ended, with which
 * status, and the longest stretch without any outcome (what a crash cost the users).
 */
public final class ResultsWatch implements AutoCloseable {
    private final Map<String, List<String>> statuses = new HashMap<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Map<String, Object> config = new HashMap<>();
    private final String topic;
    private final Deserializer<SagaResult> results;

    public ResultsWatch(String bootstrap, String topic, Deserializer<SagaResult> results) {
        this.topic = topic;
        this.results = results;
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "skald-chaos-watch-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.thread = new Thread(this::follow, "chaos-results");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many distinct sagas have an outcome. */
    public synchronized int ended() {
        return statuses.size();
    }

    /** Each saga's committed outcomes (more than one is a duplicate), by saga id. */
    public synchronized Map<String, List<String>> statuses() {
        Map<String, List<String>> copy = new HashMap<>();
        statuses.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        return copy;
    }

    /** The longest time between two outcomes read (or since the first), in milliseconds. */
    public synchronized long longestGapMillis() {
        long longest = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            longest = Math.max(longest, arrivals.get(i) - arrivals.get(i - 1));
        }
        return longest;
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SagaResult result = results.deserialize(topic, record.headers(), record.value());
                    record(result.getSagaId(), result.getStatus());
                }
            }
        }
    }

    private synchronized void record(String sagaId, String status) {
        statuses.computeIfAbsent(sagaId, id -> new ArrayList<>()).add(status);
        arrivals.add(System.currentTimeMillis());
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
