package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skald.saga.json.Json;
import dev.skald.schemas.TopicAdministration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted one-partition topic of JSON documents by key, held in memory by every instance: {@link #open} creates
 * the topic if missing and returns once it has read the topic to its end; {@link #put} returns once this instance's
 * reader has passed the written record, so a write is visible to the next read here (read-your-writes). A null value
 * is a tombstone. Records it did not write (a key it does not take, a value that is not a JSON object) are skipped, so
 * a stray record never stops the reader.
 */
final class CompactedTopic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopic.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String topic;
    private final TopicPartition partition;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final ConcurrentSkipListMap<String, String> documents = new ConcurrentSkipListMap<>();
    private final Object progress = new Object();
    private final Thread reader;
    private final Predicate<String> validKey;
    private volatile long position;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    private CompactedTopic(String topic, Properties client, Predicate<String> validKey) {
        this.topic = topic;
        this.validKey = validKey;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(producerProperties(client), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(consumerProperties(client), new StringDeserializer(),
                new StringDeserializer());
        this.reader = new Thread(this::read, "skald-conductor-" + topic);
        this.reader.setDaemon(true);
    }

    /**
     * Creates the topic if it is missing, starts reading it, and returns once everything written before is read.
     *
     * @param topic       the topic name
     * @param client      the Kafka client settings (bootstrap servers, security)
     * @param replication the replication factor of the topic, if it is created
     * @param validKey    which keys the store takes; records under other keys are skipped
     */
    static CompactedTopic open(String topic, Properties client, short replication, Predicate<String> validKey) {
        ensureTopic(topic, client, replication);
        CompactedTopic store = new CompactedTopic(topic, client, validKey);
        store.consumer.assign(List.of(store.partition));
        store.consumer.seekToBeginning(List.of(store.partition));
        long end = store.consumer.endOffsets(List.of(store.partition), WAIT).get(store.partition);
        store.reader.start();
        store.awaitPosition(end);
        return store;
    }

    private static void ensureTopic(String topic, Properties client, short replication) {
        try (Admin admin = Admin.create(client)) {
            TopicAdministration topics = new TopicAdministration(admin,
                    String.valueOf(client.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)));
            topics.createMissing(List.of(new NewTopic(topic, 1, replication).configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
            topics.awaitLeaders(List.of(topic));
        }
    }

    /** The document under {@code key}, if there is one. */
    Optional<String> get(String key) {
        return Optional.ofNullable(documents.get(key));
    }

    /** Every document, by key in order. */
    SortedMap<String, String> all() {
        return new TreeMap<>(documents);
    }

    /** Writes {@code document} under {@code key} (null deletes it) and waits until this instance has read it back. */
    void put(String key, String document) {
        Objects.requireNonNull(key, "key can't be null");
        putAll(java.util.Collections.singletonMap(key, document));
    }

    /** Writes every document (null deletes), in order, and waits until this instance has read them all back. */
    void putAll(Map<String, String> documents) {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
                new java.util.ArrayList<>();
        documents.forEach((key, document) -> acks.add(producer.send(new ProducerRecord<>(topic, 0,
                Objects.requireNonNull(key, "key can't be null"), document))));
        long offset = -1;
        try {
            for (var ack : acks) {
                offset = Math.max(offset, ack.get(WAIT.toSeconds(), TimeUnit.SECONDS).offset());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
        awaitPosition(offset + 1);
    }

    private void awaitPosition(long offset) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (progress) {
            while (position < offset) {
                if (failure != null) {
                    throw new IllegalStateException("the reader of " + topic + " failed", failure);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("the reader of " + topic + " did not reach offset " + offset
                            + " within " + WAIT);
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading " + topic, e);
                }
            }
        }
    }

    private void read() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                advance(consumer.position(partition));
            }
        } catch (WakeupException e) {
            if (!closed) {
                fail(new IllegalStateException("woken up while running", e));
            }
        } catch (RuntimeException e) {
            LOG.error("the reader of {} stopped", topic, e);
            fail(e);
        }
    }

    /** Applies a record; one this store did not write (no key, or not a JSON object) is skipped with a warning. */
    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null || !validKey.test(record.key())) {
            LOG.warn("ignoring a record with the key {} at {}-{} offset {}", record.key(), topic, record.partition(),
                    record.offset());
        } else if (record.value() == null) {
            documents.remove(record.key());
        } else if (!isJsonObject(record.value())) {
            LOG.warn("ignoring a record that is not a JSON object under {} at {}-{} offset {}", record.key(), topic,
                    record.partition(), record.offset());
        } else {
            documents.put(record.key(), record.value());
        }
    }

    private static boolean isJsonObject(String value) {
        try {
            return Json.mapper().readTree(value).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void advance(long next) {
        synchronized (progress) {
            position = next;
            progress.notifyAll();
        }
    }

    private void fail(RuntimeException e) {
        synchronized (progress) {
            failure = e;
            progress.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static Properties producerProperties(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private static Properties consumerProperties(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
